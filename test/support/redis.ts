/**
 * A real `redis-server` for tests: started on a free port of 127.0.0.1 with nothing saved to disk
 * (`--save '' --appendonly no`, no config file), and stopped by the test. Tests that need it fail,
 * never skip, when the binary is missing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** Why a Redis test fails on a machine without Redis, and how to fix it. */
export const REDIS_SERVER_MISSING =
  "redis-server was not found on PATH: the Redis tests start a real one. Install the Debian package redis-server (apt-get update && apt-get install -y redis-server), as .ci/run does";

// A redis-server that has not said it is ready by then is not going to.
const START_TIMEOUT_MS = 5_000;

/** A redis-server the test started. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, with `:password@` when started with one. */
  readonly url: string;
  /** Ends it with SIGKILL, as a crash or a lost machine would. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing is answered, as a very slow Redis. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  /** Stops it (resuming it first if paused) and removes its folder. */
  stop(): Promise<void>;
}

/** The path of `redis-server` in the folders of `path` (PATH); throws {@link REDIS_SERVER_MISSING} when there is none. */
export function findRedisServer(path: string = process.env.PATH ?? ""): string {
  for (const folder of path.split(delimiter).filter((f) => f !== "")) {
    const candidate = join(folder, "redis-server");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  throw new Error(REDIS_SERVER_MISSING);
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

/** Starts a redis-server on 127.0.0.1 (on `port`, or a free one) and resolves once it accepts connections. */
export async function startRedis(
  options: { readonly port?: number; readonly password?: string } = {},
): Promise<RedisServer> {
  const binary = findRedisServer();
  const port = options.port ?? (await freePort());
  const folder = mkdtempSync(join(tmpdir(), "story-qa-redis-"));
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    folder,
    ...(options.password === undefined ? [] : ["--requirepass", options.password]),
  ];
  let child: ChildProcess | null = null;
  let paused = false;
  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);

  const launch = async (): Promise<void> => {
    const started = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        started.kill("SIGKILL");
        reject(new Error(`redis-server on port ${port} was not ready in 5 s:\n${output}`));
      }, START_TIMEOUT_MS);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      };
      started.stdout?.on("data", read);
      started.stderr?.on("data", read);
      started.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server on port ${port} exited with ${code}:\n${output}`));
      });
    });
    started.stdout?.removeAllListeners("data");
    started.stderr?.removeAllListeners("data");
    started.stdout?.resume();
    started.stderr?.resume();
  };

  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    if (paused) {
      running.kill("SIGCONT");
      paused = false;
    }
    running.kill(signal);
    await exited;
  };

  await launch();
  const auth = options.password === undefined ? "" : `:${encodeURIComponent(options.password)}@`;
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    kill: () => end("SIGKILL"),
    restart: async () => {
      await end("SIGKILL");
      await launch();
    },
    pause: () => {
      child?.kill("SIGSTOP");
      paused = true;
    },
    resume: () => {
      child?.kill("SIGCONT");
      paused = false;
    },
    stop: async () => {
      await end("SIGTERM");
      process.off("exit", killOnExit);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
