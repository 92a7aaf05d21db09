// kubectl's words for a recorded trace: describe, get -w, the Events table and the timeline.
export { describePod, describePodFrom, describeProbe, type DescribeOptions } from './describe.js';
export {
  renderEvents,
  formatEventTable,
  eventAge,
  eventMessage,
  sortEvents,
  KUBECTL_VERSIONS,
  type KubectlVersion,
  type EventRenderOptions,
} from './events.js';
export { getWatch, getPod, podColumns, type PodColumns } from './get.js';
export { renderTimeline, type TimelineOptions } from './timeline.js';
export {
  humanDuration,
  goDuration,
  parseDuration,
  rfc1123z,
  ageAt,
  clock,
  VIRTUAL_EPOCH_MS,
  MAX_DURATION_MS,
  type ParsedDuration,
} from './format.js';
