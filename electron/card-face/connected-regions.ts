/** One 4-connected region of a raster: its label in `labels`, its size, bounding box and value sum. */
export interface Region {
  label: number;
  area: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Sum of the region's values, for a mean score. */
  sum: number;
}

/**
 * The 4-connected regions of the pixels whose value is above `threshold`, labelled 1, 2, … in scan
 * order. An explicit stack rather than recursion: a card-sized region would overflow the call stack.
 */
export function connectedRegions(
  values: ArrayLike<number>,
  width: number,
  threshold: number,
): { labels: Int32Array; regions: Region[] } {
  const length = values.length;
  const labels = new Int32Array(length);
  const stack = new Int32Array(length);
  const regions: Region[] = [];
  for (let start = 0; start < length; start += 1) {
    if (labels[start] !== 0 || values[start]! <= threshold) continue;
    const region: Region = {
      label: regions.length + 1,
      area: 0,
      x0: width,
      y0: Infinity,
      x1: 0,
      y1: 0,
      sum: 0,
    };
    let top = 0;
    stack[top++] = start;
    labels[start] = region.label;
    while (top > 0) {
      const index = stack[--top]!;
      const x = index % width;
      const y = (index - x) / width;
      region.area += 1;
      region.sum += values[index]!;
      if (x < region.x0) region.x0 = x;
      if (x > region.x1) region.x1 = x;
      if (y < region.y0) region.y0 = y;
      if (y > region.y1) region.y1 = y;
      const neighbours = [
        x > 0 ? index - 1 : -1,
        x < width - 1 ? index + 1 : -1,
        index - width,
        index + width,
      ];
      for (const neighbour of neighbours) {
        if (neighbour < 0 || neighbour >= length) continue;
        if (labels[neighbour] !== 0 || values[neighbour]! <= threshold) continue;
        labels[neighbour] = region.label;
        stack[top++] = neighbour;
      }
    }
    regions.push(region);
  }
  return { labels, regions };
}
