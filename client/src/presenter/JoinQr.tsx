import { useMemo } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn here, as one SVG path (no network, no canvas): dark modules on white with the
 * quiet zone the standard asks for, so phones read it from the back of a room.
 */
export function JoinQr({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => qrPath(text), [text]);
  const quiet = 4;
  const box = size + 2 * quiet;
  return (
    <svg
      className="presenter-qr"
      viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="presenter-qr"
    >
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** The modules of `text` as a path of 1×1 squares (runs on a row merged into one rectangle). */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return { size, path: parts.join('') };
}
