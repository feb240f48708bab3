/**
 * Simulated benchmarks for the calibration test and benchmark (docs/verdict.md): each task has a true pass
 * probability drawn from a mixture (solid, broken, flaky); base and head trials are Bernoulli draws, and
 * a known effect moves head's probabilities. Seeded, so every run of a test sees the same data.
 */
import { sfc32, type Random } from "../../src/compare/random.ts";
import type { TaskSamples } from "../../src/compare/samples.ts";
import { untilDecidedStep } from "../../src/compare/sequential.ts";

export type Mixture = "mixed" | "flaky" | "solid";

export const MIXTURES: Record<Mixture, string> = {
  mixed: "25% always pass, 15% never, 20% p=.9, 10% p=.1, 30% flaky p~U(.2,.8)",
  flaky: "every task flaky, p~U(.2,.8)",
  solid: "60% p=.97, 40% p=.03 (rare flakes)",
};

export function rng(seed: number): Random {
  return sfc32([seed >>> 0, 0x9e3779b9, 0x243f6a88, 0xb7e15162]);
}

function drawP(mixture: Mixture, random: Random): number {
  const u = random();
  if (mixture === "flaky") return 0.2 + 0.6 * random();
  if (mixture === "solid") return u < 0.6 ? 0.97 : 0.03;
  if (u < 0.25) return 1;
  if (u < 0.4) return 0;
  if (u < 0.6) return 0.9;
  if (u < 0.7) return 0.1;
  return 0.2 + 0.6 * random();
}

/** Head's probabilities after a change of `effectPp` spread over the tasks (proportional to room to move). */
export function shifted(p: readonly number[], effectPp: number): number[] {
  const d = Math.abs(effectPp) / 100;
  if (d === 0) return [...p];
  const mean = p.reduce((s, v) => s + v, 0) / p.length;
  if (effectPp < 0) return p.map((v) => v * Math.max(0, 1 - d / mean));
  return p.map((v) => 1 - (1 - v) * Math.max(0, 1 - d / (1 - mean)));
}

export function bernoulli(p: number, n: number, random: Random): number[] {
  return Array.from({ length: n }, () => (random() < p ? 1 : 0));
}

export interface SimSpec {
  tasks: number;
  baseTrials: number;
  headTrials: number;
  mixture: Mixture;
  effectPp: number;
}

/** True probabilities of one simulated benchmark (base, head). */
export function truth(spec: SimSpec, random: Random): { base: number[]; head: number[] } {
  const base = Array.from({ length: spec.tasks }, () => drawP(spec.mixture, random));
  return { base, head: shifted(base, spec.effectPp) };
}

export function simulate(spec: SimSpec, random: Random): TaskSamples[] {
  const p = truth(spec, random);
  return p.base.map((pb, i) => ({ base: bernoulli(pb, spec.baseTrials, random), head: bernoulli(p.head[i]!, spec.headTrials, random) }));
}

export interface SequentialSim {
  /** The verdict the loop stopped with. */
  verdict: string;
  /** Head runs used. */
  runs: number;
  looks: number;
}

/**
 * The `--until-decided` loop (src/compare/until-decided.ts) on simulated tasks: base `nb` trials, look 1
 * one head trial per task, then `untilDecidedStep` decides, and the trials it asks for are drawn.
 */
export function simulateUntilDecided(
  p: { base: readonly number[]; head: readonly number[] }, nb: number, perTask: number, random: Random,
  options: { allocation?: "variance" | "equal"; draws?: number } = {},
): SequentialSim {
  const tasks = p.base.length;
  const base = p.base.map((pb) => bernoulli(pb, nb, random));
  const head = p.head.map((ph) => bernoulli(ph, 1, random));
  const earlier: number[] = [];
  for (;;) {
    const samples = base.map((b, i) => ({ base: b, head: head[i]! }));
    const runs = head.reduce((s, h) => s + h.length, 0);
    const { look, add } = untilDecidedStep(samples, { earlier, runs, budget: perTask * tasks, batch: tasks, ...options });
    earlier.push(look.fraction);
    if (look.decision === "stop") return { verdict: look.verdict, runs, looks: earlier.length };
    add.forEach((a, i) => head[i]!.push(...bernoulli(p.head[i]!, a, random)));
  }
}
