"""The stock of the _shop helper package (module state)."""
stock = {"apples": 3}


class OutOfStock(Exception):
    pass


def take(item, n):
    if stock[item] < n:
        raise OutOfStock(f"only {stock[item]} {item} left, wanted {n}")
    stock[item] -= n
    return stock[item]
