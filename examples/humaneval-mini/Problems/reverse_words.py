ENTRY_POINT = "reverse_words"
PROMPT = '''def reverse_words(sentence: str) -> str:
    """Reverse the order of the words in a sentence; words are separated by single spaces.
    >>> reverse_words("hello brave new world")
    'world new brave hello'
    """
'''
CANONICAL_SOLUTION = '''    return " ".join(reversed(sentence.split(" "))) if sentence else ""
'''


def check(candidate):
    assert candidate("hello brave new world") == "world new brave hello"
    assert candidate("one") == "one"
    assert candidate("") == ""
    assert candidate("a <b> c") == "c <b> a"
