from typing import List, Optional


def three_sum(nums: List[int], target: int) -> Optional[List[int]]:
    indexed = sorted((n, i) for i, n in enumerate(nums))
    for i in range(len(indexed) - 2):
        left, right = i + 1, len(indexed) - 1
        while left < right:
            total = indexed[i][0] + indexed[left][0] + indexed[right][0]
            if total < target:
                left += 1
            elif total > target:
                right -= 1
            else:
                return sorted([indexed[i][1], indexed[left][1], indexed[right][1]])
    return None
