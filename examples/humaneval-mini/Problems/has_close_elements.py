ENTRY_POINT = "has_close_elements"
PROMPT = '''from typing import List


def has_close_elements(numbers: List[float], threshold: float) -> bool:
    """Are any two numbers in the list closer to each other than threshold?
    >>> has_close_elements([1.0, 2.0, 3.0], 0.5)
    False
    >>> has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3)
    True
    """
'''
CANONICAL_SOLUTION = '''    for i, a in enumerate(numbers):
        for j, b in enumerate(numbers):
            if i != j and abs(a - b) < threshold:
                return True
    return False
'''


def check(candidate):
    assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3) is True
    assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.05) is False
    assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.95) is True
    assert candidate([1.1, 2.2, 3.1, 4.1, 5.1], 1.0) is True
    assert candidate([1.1, 2.2, 3.1, 4.1, 5.1], 0.5) is False
    assert candidate([], 1.0) is False
