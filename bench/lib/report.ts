import type { ScenarioResult } from './scenario.js';

export interface ScenarioReport {
  name: string;
  title: string;
  cocon: ScenarioResult;
  relay: ScenarioResult | null;
  /** cocon / relay for each shared metric. */
  ratios: Record<string, number>;
  checks: { label: string; pass: boolean }[];
}

const fmt = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(2);

export function ratios(cocon: ScenarioResult, relay: ScenarioResult | null): Record<string, number> {
  if (!relay) return {};
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(cocon.metrics)) {
    const base = relay.metrics[key];
    if (base !== undefined && base > 0 && /Ms$|MB$|KB$/.test(key)) out[key] = value / base;
  }
  return out;
}

export function consoleTable(reports: ScenarioReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`\n${r.title}`);
    lines.push(
      `  ${'metric'.padEnd(22)} ${'cocon'.padStart(10)} ${'relay'.padStart(10)} ${'ratio'.padStart(8)}`,
    );
    for (const [key, value] of Object.entries(r.cocon.metrics)) {
      const relay = r.relay?.metrics[key];
      const ratio = r.ratios[key];
      lines.push(
        `  ${key.padEnd(22)} ${fmt(value).padStart(10)} ${fmt(relay).padStart(10)} ${(ratio ? ratio.toFixed(2) + 'x' : '').padStart(8)}`,
      );
    }
    lines.push(
      `  ${'lost'.padEnd(22)} ${String(r.cocon.lost).padStart(10)} ${String(r.relay?.lost ?? '—').padStart(10)}`,
    );
    lines.push(
      `  ${'converged'.padEnd(22)} ${String(r.cocon.converged).padStart(10)} ${String(r.relay?.converged ?? '—').padStart(10)}`,
    );
    if (r.cocon.note) lines.push(`  note: ${r.cocon.note}`);
    if (r.relay?.note) lines.push(`  relay note: ${r.relay.note}`);
    for (const check of r.checks) lines.push(`  [${check.pass ? 'PASS' : 'FAIL'}] ${check.label}`);
  }
  return lines.join('\n');
}

/** Figures drawn, by chart section; each section has its own scale. */
const SECTIONS: { title: string; keys: string[] }[] = [
  { title: 'latency (ms)', keys: ['p50Ms', 'p99Ms', 'medianColdLoadMs'] },
  {
    title: 'faults: latency while it happens (ms)',
    keys: ['p99BeforeKillMs', 'p99AfterKillMs', 'ackP99DuringMs', 'p99DuringMs', 'sameP99DuringMs'],
  },
  {
    title: 'hostile guest: without / with the attacker (ms)',
    keys: ['healthP99CalmMs', 'healthP99AttackMs', 'p99CalmMs', 'p99AttackMs'],
  },
  {
    title: 'faults: recovery (ms)',
    keys: [
      'reconnectP50Ms',
      'reconnectP99Ms',
      'persistedAfterKillMs',
      'persistedAfterReturnMs',
      'convergeAfterReturnMs',
    ],
  },
];

/** Grouped bar charts of the latency and recovery figures, ours beside the relay's when it ran. */
export function svgChart(reports: ScenarioReport[], date: string): string {
  const width = 760;
  const rowHeight = 34;
  let y = 50;
  const parts: string[] = [];
  for (const section of SECTIONS) {
    const bars: { label: string; cocon: number; relay: number | null }[] = [];
    for (const r of reports) {
      for (const key of section.keys) {
        const value = r.cocon.metrics[key];
        if (value === undefined || !Number.isFinite(value)) continue;
        bars.push({
          label: `${r.name} ${key.replace('Ms', '')}`,
          cocon: value,
          relay: r.relay?.metrics[key] ?? null,
        });
      }
    }
    if (bars.length === 0) continue;
    parts.push(`<text x="10" y="${y + 12}" font-size="13" font-weight="bold">${section.title}</text>`);
    y += 22;
    const max = Math.max(1, ...bars.flatMap((b) => [b.cocon, b.relay ?? 0]));
    const scale = (v: number) => (v / max) * (width - 300);
    for (const b of bars) {
      const relay =
        b.relay === null
          ? ''
          : `<rect x="240" y="${y + 14}" width="${scale(b.relay).toFixed(1)}" height="12" fill="#9aa5b1"/><text x="${245 + scale(b.relay)}" y="${y + 24}" font-size="11">${fmt(b.relay)} ms</text>`;
      parts.push(
        `<text x="10" y="${y + 16}" font-size="12">${b.label}</text><rect x="240" y="${y}" width="${scale(b.cocon).toFixed(1)}" height="12" fill="#1f5fa8"/><text x="${245 + scale(b.cocon)}" y="${y + 10}" font-size="11">${fmt(b.cocon)} ms</text>${relay}`,
      );
      y += rowHeight;
    }
    y += 10;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="15" font-weight="bold">Cocon vs bare y-websocket relay — latency (ms), ${date}</text>
<rect x="10" y="30" width="10" height="10" fill="#1f5fa8"/><text x="24" y="39" font-size="11">Cocon</text>
<rect x="80" y="30" width="10" height="10" fill="#9aa5b1"/><text x="94" y="39" font-size="11">relay (@y/websocket-server 0.1.1)</text>
${parts.join('\n')}
</svg>
`;
}
