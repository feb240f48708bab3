ENTRY_POINT = "below_zero"
PROMPT = '''from typing import List


def below_zero(operations: List[int]) -> bool:
    """Given deposits (positive) and withdrawals (negative) on an account starting at zero,
    return True if the balance ever falls below zero, otherwise False.
    >>> below_zero([1, 2, 3])
    False
    >>> below_zero([1, 2, -4, 5])
    True
    """
'''
CANONICAL_SOLUTION = '''    balance = 0
    for op in operations:
        balance += op
        if balance < 0:
            return True
    return False
'''


def check(candidate):
    assert candidate([]) is False
    assert candidate([1, 2, -3, 1, 2, -3]) is False
    assert candidate([1, 2, -4, 5, 6]) is True
    assert candidate([1, -1, 2, -2, 5, -5, 4, -4]) is False
    assert candidate([1, -1, 2, -2, 5, -5, 4, -5]) is True
