#!/usr/bin/env python3
"""Summarises a flight recording of a benchmark node (docs/benchmark-method.md, "Profiling").

Usage: jfr print --events jdk.ExecutionSample --stack-depth 64 node.jfr > samples.txt
       bench/jfr-summary.py samples.txt [HH:MM:SS HH:MM:SS]

Prints, for the samples within the time window (all when none is given), the share of samples
whose stack contains each marker below (inclusive: nested markers overlap), then the packages in
which the samples ended outside the JDK (exclusive).
"""
import collections
import re
import sys

MARKERS = [
    ("HTTP Basic authentication (password check, groups)",
     "io.handoff.platform.security.CamundaIdentityAuthenticationProvider.authenticate"),
    ("Micrometer: metrics and observations", "io.micrometer"),
    ("FEEL parsing", "org.camunda.feel.impl.parser.FeelParser"),
    ("FEEL, all", "org.camunda.feel"),
    ("DMN engine, all", "org.camunda.bpm.dmn.engine"),
    ("decision definition look-up", "DeploymentCache.findDeployedDecisionDefinitionById"),
    ("decision binding (RuleBinding)", "io.handoff.platform.decision.RuleBinding.versionFor"),
    ("decision ledger", "io.handoff.platform.decision.RuleLedgerListener"),
    ("engine flush to the database", "org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager.flush"),
    ("history events", "org.camunda.bpm.engine.impl.history"),
    ("MyBatis", "org.apache.ibatis"),
    ("PostgreSQL driver", "org.postgresql"),
    ("Jackson", "com.fasterxml.jackson"),
    ("Bean Validation", "org.hibernate.validator"),
    ("job executor", "org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable.run"),
    ("logging", "ch.qos.logback"),
]


def main():
    text = open(sys.argv[1]).read()
    window = sys.argv[2:4] if len(sys.argv) >= 4 else None
    samples = []
    for s in text.split("jdk.ExecutionSample {")[1:]:
        if window:
            m = re.search(r"startTime = (\d\d:\d\d:\d\d)", s)
            if not m or not window[0] <= m.group(1) <= window[1]:
                continue
        frames = re.findall(r"^\s+([\w$.<>]+)\(", s, re.M)
        if frames:
            samples.append(frames)
    n = len(samples)
    print(f"{n} samples")
    if not n:
        return
    for label, marker in MARKERS:
        hits = sum(1 for f in samples if any(marker in x for x in f))
        print(f"{100 * hits / n:5.1f} %  {label}")
    leaf = collections.Counter()
    for f in samples:
        own = next((x for x in f if not re.match(r"(java|jdk|sun|javax|jakarta)\.", x)), "(JDK)")
        leaf[".".join(own.split(".")[:4])] += 1
    print("-- where samples ended, outside the JDK")
    for k, v in leaf.most_common(20):
        print(f"{100 * v / n:5.1f} %  {k}")


if __name__ == "__main__":
    main()
