#!/usr/bin/env python3
"""Posts N chains to a Ripple broker and reports chains/s once the broker is drained.

Each chain is one coffee.machine.initialize command for a new machine (binary CloudEvent with
its own sampled W3C traceparent, like `ripple emit`): the broker delivers it, coffee-machine
decides and publishes initialization-completed back into the broker.
"Drained" = every trigger has lag 0 and nothing in flight, twice in a row. A chain that ended in
the broker's dead letters is a failure, not throughput: the script then exits non-zero.

usage: chain-load.py <broker ingress URL> <chains> <concurrency> <label>
"""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

ingress, chains, concurrency, label = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
url = urllib.parse.urlparse(ingress)
prefix = "%s-%d-%d" % (label, os.getpid(), int(time.time()))
counter = iter(range(chains))
lock = threading.Lock()
failures = []


def post_all():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    while True:
        with lock:
            i = next(counter, None)
        if i is None:
            break
        event_id = "%s-%d" % (prefix, i)
        headers = {"ce-specversion": "1.0", "ce-id": event_id, "ce-source": "/bench", "Content-Type": "application/json",
                   "ce-type": "coffee.machine.initialize", "ce-subject": "machine-" + event_id,
                   "ce-correlationid": event_id,
                   "traceparent": "00-%s-%s-01" % (os.urandom(16).hex(), os.urandom(8).hex())}
        connection.request("POST", url.path, body=b"{}", headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 202:
            failures.append(response.status)


def dead_letters():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    count, after = 0, 0
    while True:
        connection.request("GET", "/api/v1/dead-letters?limit=1000&after=%d" % after)
        page = json.loads(connection.getresponse().read())
        count += len(page["items"])
        if page.get("nextAfter") is None:
            return count
        after = page["nextAfter"]


def drained():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    connection.request("GET", "/api/v1/triggers")
    items = json.loads(connection.getresponse().read())["items"]
    return all(t["lag"] == 0 and t["inFlight"] == 0 for t in items)


dead_before = dead_letters()
start = time.monotonic()
threads = [threading.Thread(target=post_all) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
posted = time.monotonic()
quiet = 0
while quiet < 2:
    quiet = quiet + 1 if drained() else 0
    time.sleep(0.05)
done = time.monotonic() - 0.05
if failures:
    print("%s: %d posts refused (%s)" % (label, len(failures), sorted(set(failures))), file=sys.stderr)
print("%s: %d chains in %.2f s = %.0f chains/s (all posted after %.2f s)"
      % (label, chains, done - start, chains / (done - start), posted - start))
dead = dead_letters() - dead_before
if dead or failures:
    print("%s: INVALID: %d deliveries dead-lettered, %d posts refused" % (label, dead, len(failures)), file=sys.stderr)
    sys.exit(1)
