/** Artifacts shared by the fake results service (this run) and the fake REST API (any run). */
export interface StoredArtifact {
  id: number;
  runId: number;
  name: string;
  zip: Buffer;
  expired: boolean;
  retentionExpiresAt?: string;
  createdAt: string;
}

export class FakeArtifactBackend {
  readonly artifacts: StoredArtifact[] = [];
  readonly blocks = new Map<string, Map<string, Buffer>>();
  /** Upload key → the bytes of the committed block list. */
  readonly committed = new Map<string, Buffer>();
  readonly pending = new Map<string, { runId: number; name: string; expiresAt?: string }>();
  private nextId = 9000;

  add(runId: number, name: string, zip: Buffer, expired = false): StoredArtifact {
    const artifact = { id: this.nextId++, runId, name, zip, expired, createdAt: new Date().toISOString() };
    this.artifacts.push(artifact);
    return artifact;
  }

  ofRun(runId: number): StoredArtifact[] {
    return this.artifacts.filter((a) => a.runId === runId);
  }
}
