from tests.matrix import PUBLIC, Case

CASES = [
    Case("governance:body_list", PUBLIC),
    Case("governance:body_public", PUBLIC, kwargs=lambda c, w: {"slug": c.board_a.slug}),
]
