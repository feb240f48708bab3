ENTRY_POINT = "fizz_buzz"
PROMPT = '''def fizz_buzz(n: int) -> int:
    """Count how many times the digit 7 appears in integers below n that are divisible by 11 or 13.
    >>> fizz_buzz(50)
    0
    >>> fizz_buzz(79)
    3
    """
'''
CANONICAL_SOLUTION = '''    digits = "".join(str(i) for i in range(n) if i % 11 == 0 or i % 13 == 0)
    return digits.count("7")
'''


def check(candidate):
    assert candidate(50) == 0
    assert candidate(78) == 2
    assert candidate(79) == 3
    assert candidate(100) == 3
    assert candidate(4000) == 192
