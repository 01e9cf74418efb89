from tests.matrix import PUBLIC, Case

CASES = [
    Case("fields:field_public", PUBLIC, kwargs=lambda c, w: {"slug": c.field_a.slug}),
]
