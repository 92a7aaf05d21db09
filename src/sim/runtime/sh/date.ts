// strftime-style formatting of virtual wall-clock time (always UTC, C locale), for `date` and server logs.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const p2 = (n: number) => String(n).padStart(2, '0');

export function formatDate(ms: number, fmt: string): string {
  const d = new Date(ms);
  // a scan rather than a replace with a callback: `date` runs in loops every second
  let out = '';
  let from = 0;
  for (let i = fmt.indexOf('%'); i >= 0 && i + 1 < fmt.length; i = fmt.indexOf('%', i)) {
    const c = fmt[i + 1];
    if (!/[a-zA-Z%]/.test(c)) {
      i++;
      continue;
    }
    out += fmt.slice(from, i) + conversion(d, ms, c, fmt.slice(i, i + 2));
    i += 2;
    from = i;
  }
  return out + fmt.slice(from);
}

function conversion(d: Date, ms: number, c: string, m: string): string {
    switch (c) {
      case 'a': return DAYS[d.getUTCDay()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()];
      case 'd': return p2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'H': return p2(d.getUTCHours());
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return p2(d.getUTCFullYear() % 100);
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 's': return String(Math.floor(ms / 1000));
      case 'N': return String((ms % 1000) * 1_000_000).padStart(9, '0');
      case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'D': return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`;
      case 'R': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
      case 'j': return String(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, '0');
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
    }
    return m;
}
