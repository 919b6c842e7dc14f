import type { StageNumber } from '@attune/domain';
import { ReferenceArea, ReferenceLine } from 'recharts';
import type { ProgressBand } from './case-progress.shape';

/** How a chart draws its stage columns: the progress chart's are the page's background, a measure's lie over its bands. */
export interface StageBandLook {
  fills: readonly string[];
  fillOpacity: number;
  labelFill: string;
  fontSize: number;
  label: (stage: StageNumber) => string;
}

/**
 * The case's stage visits as shaded, labelled time columns, and its held sessions as dashed lines,
 * the same on the progress chart and on every measure's chart. Elements, not a component: recharts
 * draws only its own children.
 */
export function stageBandAreas(bands: readonly ProgressBand[], yDomain: readonly [number, number], look: StageBandLook) {
  return bands.map((band, index) => (
    <ReferenceArea
      key={`stage-${band.cycle}-${band.stage}-${band.x1}`}
      x1={band.x1}
      x2={band.x2}
      y1={yDomain[0]}
      y2={yDomain[1]}
      fill={look.fills[index % look.fills.length]}
      fillOpacity={look.fillOpacity}
      ifOverflow="hidden"
      label={{ value: look.label(band.stage), position: 'insideTop', fill: look.labelFill, fontSize: look.fontSize }}
    />
  ));
}

export function sessionLines(sessions: readonly { id: string; t: number }[], stroke: string) {
  return sessions.map((session) => (
    <ReferenceLine key={`session-${session.id}`} x={session.t} stroke={stroke} strokeDasharray="2 4" ifOverflow="hidden" />
  ));
}
