// A scenario whose agent crashes: Node exits non-zero, so the run's status is `error`.
console.log("agent starting");
throw new Error("agent crashed: tool call returned malformed JSON");
