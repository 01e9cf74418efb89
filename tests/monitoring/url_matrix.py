from tests.matrix import PUBLIC, Case

CASES = [
    Case("monitoring:indicator_catalogue", PUBLIC),
]
