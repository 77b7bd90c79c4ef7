// check.mjs parses PitchMatch .ics exports with ical.js, an iCalendar
// implementation independent of the Go exporter, and prints what it read as
// JSON: for each VEVENT its UID, SEQUENCE, status, summary, location,
// description, TZID and start/end both as written (local) and in UTC.
// Usage: node check.mjs FILE.ics [FILE.ics ...]
// Exits 1 with a message when a file does not parse.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const out = [];
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, 'utf8');
  let comp;
  try {
    comp = new ICAL.Component(ICAL.parse(text));
  } catch (err) {
    console.error(`${path}: ical.js could not parse: ${err.message}`);
    process.exit(1);
  }
  for (const tz of comp.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(tz);
  }
  const events = comp.getAllSubcomponents('vevent').map((ve) => {
    const ev = new ICAL.Event(ve);
    return {
      uid: ev.uid,
      sequence: ev.sequence,
      status: ve.getFirstPropertyValue('status'),
      summary: ev.summary,
      location: ev.location,
      description: ev.description,
      tzid: ev.startDate.timezone || ev.startDate.zone?.tzid || '',
      startLocal: ev.startDate.toString(),
      start: ev.startDate.toJSDate().toISOString(),
      end: ev.endDate.toJSDate().toISOString(),
      dtstamp: ve.getFirstPropertyValue('dtstamp')?.toString() ?? '',
    };
  });
  out.push({
    file: path,
    prodid: comp.getFirstPropertyValue('prodid'),
    version: comp.getFirstPropertyValue('version'),
    timezones: comp.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid')),
    events,
  });
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
