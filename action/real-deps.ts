import * as core from "@actions/core";
import { createArtifactStore } from "./artifact-store.ts";
import { readContext } from "./context.ts";
import { createGitHubApi } from "./github-api.ts";
import type { ActionCore, ActionDeps } from "./types.ts";

/** @actions/core with the job-summary writer the Action uses. */
export function actionCore(): ActionCore {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (secret) => core.setSecret(secret),
    setFailed: (message) => core.setFailed(message),
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
    notice: (message) => core.notice(message),
    startGroup: (name) => core.startGroup(name),
    endGroup: () => core.endGroup(),
    saveState: (name, value) => core.saveState(name, value),
    writeSummary: async (markdown) => {
      // Outside a runner (act, local dry runs) there is no summary file: say so instead of failing.
      if (!process.env["GITHUB_STEP_SUMMARY"]) return core.info("GITHUB_STEP_SUMMARY is not set; the summary is in results-dir/bench-summary.md");
      await core.summary.addRaw(markdown, true).write();
    },
  };
}

/** The real GitHub REST client and artifact service, from the runner's environment. */
export function realDeps(env: Record<string, string | undefined>): ActionDeps {
  let token = "";
  const ctx = () => readContext(env);
  return {
    env,
    github: (t) => {
      token = t;
      const { owner, repo, apiUrl } = ctx();
      return createGitHubApi(t, owner, repo, apiUrl);
    },
    artifacts: createArtifactStore(() => token || core.getInput("github-token"), ctx().owner, ctx().repo),
    now: () => new Date(),
  };
}
