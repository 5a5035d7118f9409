import type { TextInput } from "../importers/input/text-input.js";

/** A one-line progress bar on stderr, redrawn five times a second, for terminals only. */
export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private input: TextInput | undefined;
  private label = "";

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(label: string, index: number, total: number): void {
    this.label = `[${index + 1}/${total}] ${label}`;
    this.input = undefined;
    this.timer ??= setInterval(() => this.draw(), 200);
    this.timer.unref();
  }

  watch(input: TextInput): void {
    this.input = input;
  }

  private draw(): void {
    const read = this.input?.bytes ?? 0;
    const size = this.input?.source.size;
    const mb = (read / 1e6).toFixed(0);
    let bar = `${mb} MB`;
    if (size) {
      const share = Math.min(1, read / size);
      const width = 30;
      const full = Math.round(share * width);
      bar = `[${"#".repeat(full)}${".".repeat(width - full)}] ${(share * 100).toFixed(0)}% ${mb}/${(size / 1e6).toFixed(0)} MB`;
    }
    const label = this.label.length > 40 ? `…${this.label.slice(-39)}` : this.label;
    this.stream.write(`\r${label} ${bar}\u001b[K`);
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write("\r\u001b[K");
  }
}
