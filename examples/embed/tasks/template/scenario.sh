# A stand-in agent in POSIX sh: "answers" by echoing, then checks itself like a unit test.
answer="__ANSWER__"
echo "agent answered: $answer"
if [ "$answer" = "__EXPECTED__" ]; then echo "ALL TESTS PASSED !#!#"; else echo "wrong answer"; fi
