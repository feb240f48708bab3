// A stand-in "agent" answers an addition; the test below checks its answer like a unit test would.
// bench-action substitutes __A__, __B__ and __EXPECTED__ from the task line (Tasks/adder.jsonl).
function agent(a, b) {
  return a + b;
}

const answer = agent(__A__, __B__);
console.log(`agent answered ${answer}`);
if (answer === __EXPECTED__) {
  console.log("ALL TESTS PASSED !#!#");
} else {
  console.log(`test failed: expected __EXPECTED__, got ${answer}`);
}
