# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""A generated cross-check of deadlines and statuses against an oracle.

  oracle.py gen SEED COUNT BASE_JSON DIR   COUNT question files in DIR
  oracle.py days DIR                       the as-of dates to check, one a
                                           line: every day from the day
                                           before the first publication to
                                           the day after the last event
  oracle.py check DIR MODE LISTS           compares each LISTS/ASOF.json
                                           (qetracker's list at ASOF) with
                                           the oracle under MODE

MODE is "plain" (the defaults) or "restart" (weekend_rollover and
ministry_change_restarts on). The oracle is written from domain.md, not
from qetracker: months by dateutil's relativedelta (art. 641 CPC: the
same day of the month, else its last day), the signalement window as the
JO mention plus 10 days, art. 642's next working day with French public
holidays from dateutil's Easter, a status at a date from what had
happened by that date only. Prints one line per disagreement (at most 40)
and "N problems in M facts" last."""
import copy
import datetime as dt
import json
import os
import random
import sys

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

ONE = dt.timedelta(days=1)


def d(s):
    return dt.date.fromisoformat(s) if s else None


def iso(x):
    return x.isoformat() if x else None


def jo(day):
    return {"typeJO": "JO_QUESTION", "dateJO": iso(day), "pageJO": "1",
            "numJO": None, "urlLegifrance": None, "referenceNOR": None}


# -- generation ----------------------------------------------------------

def gen(seed, count, base, out):
    rnd = random.Random(int(seed))
    src = json.load(open(base))
    os.makedirs(out, exist_ok=True)
    first = dt.date(2025, 1, 6)
    for i in range(int(count)):
        num = 95000 + i
        q = copy.deepcopy(src)
        qq = q["question"]
        qq["uid"] = f"QANR5L17QE{num}"
        qq["identifiant"]["numero"] = str(num)
        # Publications on the JO's Tuesdays and on any day, so that
        # deadlines land on every day of the week and month ends.
        pub = first + dt.timedelta(days=rnd.randrange(0, 150))
        if rnd.random() < 0.2:      # month ends: the art. 641 clamp
            pub = dt.date(pub.year, pub.month, 1) + relativedelta(months=1) - ONE
        qq["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"] = iso(pub)
        facts = {"published": iso(pub)}
        att = qq["minAttribs"]["minAttrib"]
        att = [att] if isinstance(att, dict) else att[:1]
        att[0]["infoJO"]["dateJO"] = iso(pub)
        changes = []
        for _ in range(rnd.choice((0, 0, 0, 1, 1, 2))):
            day = pub + dt.timedelta(days=rnd.randrange(-3, 120))
            a = copy.deepcopy(att[0])
            a["infoJO"] = jo(day)
            a["denomination"] = {"organeRef": f"PO9{rnd.randrange(10**5):05d}",
                                 "abrege": "Ministère", "developpe": "Ministère"}
            att.append(a)
            changes.append(iso(day))
        qq["minAttribs"]["minAttrib"] = att
        facts["changes"] = changes
        r = rnd.random()
        sig = []
        if r < 0.25:
            sig = [pub + dt.timedelta(days=rnd.randrange(61, 130))]
            if rnd.random() < 0.3:
                sig.append(sig[0] + dt.timedelta(days=rnd.randrange(7, 40)))
            els = [{"dateDepotSignal": iso(s - dt.timedelta(days=7)),
                    "infoJO": jo(s)} for s in sig]
            qq["signalement"] = els[0] if len(els) == 1 else els
        facts["signaled"] = iso(sig[0]) if sig else None
        r = rnd.random()
        facts["answered"] = facts["withdrawn"] = None
        if r < 0.5:
            ans = pub + dt.timedelta(days=rnd.randrange(5, 200))
            qq["textesReponse"] = {"texteReponse": {"infoJO": jo(ans),
                                                     "texte": "Réponse."}}
            qq["cloture"] = {"codeCloture": "REP_PUB",
                             "libelleCloture": "Réponse publiée",
                             "dateCloture": iso(ans), "infoJO": jo(ans)}
            facts["answered"] = iso(ans)
        elif r < 0.6:
            w = pub + dt.timedelta(days=rnd.randrange(5, 200))
            qq["cloture"] = {"codeCloture": "RET", "libelleCloture": "Retrait",
                             "dateCloture": iso(w), "infoJO": None}
            facts["withdrawn"] = iso(w)
        json.dump(q, open(f"{out}/q{num}.json", "w"), ensure_ascii=False)
        json.dump(facts, open(f"{out}/q{num}.facts", "w"))


def load_facts(out):
    for name in sorted(os.listdir(out)):
        if name.endswith(".facts"):
            f = json.load(open(f"{out}/{name}"))
            f["uid"] = "QANR5L17QE" + name[1:-len(".facts")]
            yield f


def days(out):
    lo, hi = None, None
    for f in load_facts(out):
        pub = d(f["published"])
        lo = pub if lo is None or pub < lo else lo
        last = pub + relativedelta(months=2) + dt.timedelta(days=14)
        for k in ("answered", "withdrawn", "signaled"):
            if f[k]:
                last = max(last, d(f[k]) + dt.timedelta(days=14))
        for c in f["changes"]:
            last = max(last, d(c) + relativedelta(months=2) +
                       dt.timedelta(days=14))
        hi = last if hi is None or last > hi else hi
    day = lo - ONE
    while day <= hi + ONE:
        print(iso(day))
        day += ONE


# -- the oracle ----------------------------------------------------------

def holidays(year):
    e = easter(year)
    return {dt.date(year, 1, 1), e + ONE, dt.date(year, 5, 1),
            dt.date(year, 5, 8), e + dt.timedelta(days=39),
            e + dt.timedelta(days=50), dt.date(year, 7, 14),
            dt.date(year, 8, 15), dt.date(year, 11, 1),
            dt.date(year, 11, 11), dt.date(year, 12, 25)}


def roll(day, on):
    while on and (day.weekday() >= 5 or day in holidays(day.year)):
        day += ONE
    return day


def expect(f, asof, mode):
    """What a careful reader says of the question at asof, or None when
    it is not published yet."""
    restart = mode == "restart"
    pub = d(f["published"])
    if asof < pub:
        return None
    starts = [pub]
    if restart:
        starts += sorted({d(c) for c in f["changes"] if d(c) > pub})

    def deadline_at(day):
        start = max(s for s in starts if s == pub or s <= day)
        return roll(start + relativedelta(months=2), restart)

    ans, wd, sig = d(f["answered"]), d(f["withdrawn"]), d(f["signaled"])
    e = {"days_left": None, "days_overdue": None, "days_late": None,
         "closed": None, "answered": None}
    end = asof
    if ans and ans <= asof:
        dl = deadline_at(ans)
        end = ans
        if ans > dl:
            e.update(status="answered_late", days_late=(ans - dl).days)
        else:
            e["status"] = "answered"
        # An answer closes the question on its day.
        e.update(answered=iso(ans), closed=iso(ans))
    elif wd and wd <= asof:
        dl = deadline_at(wd)
        end = wd
        e.update(status="withdrawn", closed=iso(wd))
    else:
        dl = deadline_at(asof)
        if asof <= dl:
            e.update(status="open", days_left=(dl - asof).days)
        else:
            e.update(status="overdue", days_overdue=(asof - dl).days)
    e["deadline"] = iso(dl)
    if sig and sig <= asof:
        sd = roll(sig + dt.timedelta(days=10), restart)
        e.update(signaled=iso(sig), signal_deadline=iso(sd),
                 signal_overdue=end > sd)
    else:
        e.update(signaled=None, signal_deadline=None, signal_overdue=None)
    return e


def check(out, mode, lists):
    facts = list(load_facts(out))
    problems, n = [], 0
    for name in sorted(os.listdir(lists)):
        asof = d(name[:-len(".json")])
        got = {q["uid"]: q for q in json.load(open(f"{lists}/{name}"))}
        for f in facts:
            want = expect(f, asof, mode)
            q = got.get(f["uid"])
            if want is None:
                n += 1
                if q is not None:
                    problems.append(f"{asof} {f['uid']}: listed before its "
                                    "publication")
                continue
            if q is None:
                n += 1
                problems.append(f"{asof} {f['uid']}: not listed")
                continue
            for k, v in want.items():
                n += 1
                if q.get(k) != v:
                    problems.append(f"{asof} {f['uid']} {mode}: {k} "
                                    f"{q.get(k)!r}, want {v!r} ({f})")
    for p in problems[:40]:
        print(p)
    print(f"{len(problems)} problems in {n} facts")
    return 1 if problems else 0


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(*sys.argv[2:6])
    elif cmd == "days":
        days(sys.argv[2])
    else:
        sys.exit(check(*sys.argv[2:5]))
