def items(roles):
    return []
