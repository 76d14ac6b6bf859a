// Reads an iCalendar file with ical.js (Mozilla's parser) and prints
// what a calendar client would see, as JSON, for the tests to compare.
// usage: node read_ics.cjs FILE.ics
"use strict";
const fs = require("fs");
const ICAL = require("ical.js");

const text = fs.readFileSync(process.argv[2], "utf8");
const cal = new ICAL.Component(ICAL.parse(text));
const out = {
  prodid: cal.getFirstPropertyValue("prodid"),
  version: cal.getFirstPropertyValue("version"),
  method: cal.getFirstPropertyValue("method"),
  name: cal.getFirstPropertyValue("name"),
  calname: cal.getFirstPropertyValue("x-wr-calname"),
  events: cal.getAllSubcomponents("vevent").map((v) => {
    const ev = new ICAL.Event(v);
    return {
      uid: ev.uid,
      summary: ev.summary,
      description: ev.description,
      dtstart: ev.startDate.toString(),
      dtend: ev.endDate.toString(),
      is_date: ev.startDate.isDate,
      sequence: ev.sequence,
      url: v.getFirstPropertyValue("url"),
      categories: v.getFirstPropertyValue("categories"),
      status: v.getFirstPropertyValue("status"),
      transp: v.getFirstPropertyValue("transp"),
    };
  }),
};
process.stdout.write(JSON.stringify(out));
