// A scenario whose agent waits silently forever: the runner kills it at the task's timeout (`timeout`).
console.log("agent thinking...");
setInterval(() => {}, 1000);
