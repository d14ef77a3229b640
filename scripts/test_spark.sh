#!/usr/bin/env bash
# Opt-in check of scripts/spark_extract.py, kept out of CI because it installs pyspark (about
# 450 MB) into a virtual environment under target/; it needs python3 and Java 17 or later.
# It runs the job on Spark in local mode over the fixture articles, given as JSON Lines and as
# a folder of text files, and checks that each document gets exactly the records orbitext
# writes for it when run directly; then the same with executors of their own, as on a
# cluster; then that a failing orbitext fails the Spark job.
#
#   scripts/test_spark.sh        # the first run downloads pyspark; later runs reuse it
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=$PWD/target/spark-test # under target/: ignored by git, removed by cargo clean
VENV=$WORK/venv
RUN=$WORK/run
BIN=target/release/orbitext

command -v java >/dev/null || { echo "test_spark.sh: needs Java 17 or later on PATH" >&2; exit 2; }
if [ ! -x "$VENV/bin/spark-submit" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet pyspark
fi
cargo build --release --quiet
rm -rf "$RUN" && mkdir -p "$RUN"
# Spark's Python workers must be the environment's Python, not whichever is first on PATH.
export PYSPARK_PYTHON=$VENV/bin/python PYSPARK_DRIVER_PYTHON=$VENV/bin/python
# Executors of local-cluster mode leave their working folders (a copy of the binary each)
# in pyspark's own folder; only the last run's are kept.
rm -rf "$VENV"/lib/python3*/site-packages/pyspark/work
echo "pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)'), $(java -version 2>&1 | head -1)"

# The fixture articles as JSON Lines, three times over under different ids, so that each of
# the job's partitions holds several documents.
"$VENV/bin/python" - "$RUN/docs.jsonl" <<'PY'
import json, os, sys
src = "fixtures/articles"
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for copy in ("a", "b", "c"):
        for name in sorted(os.listdir(src)):
            text = open(os.path.join(src, name), encoding="utf-8").read()
            out.write(json.dumps({"id": f"{copy}/{name}", "text": text}) + "\n")
PY

spark() { # spark MASTER LOG ARGS...: the job, all that Spark prints written to LOG
  local master=$1 log=$2
  shift 2
  "$VENV/bin/spark-submit" --master "$master" --files "$BIN" \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    scripts/spark_extract.py "$@" >"$log" 2>&1 || { tail -n 40 "$log" >&2; return 1; }
}

# same WHAT DIRECT SPARK_DIR [PREFIX]: the records of each document in Spark's output (its
# doc with PREFIX removed) are those of the direct run, in the same order.
same() {
  "$VENV/bin/python" - "$@" <<'PY'
import glob, json, sys
what, direct, spark_dir = sys.argv[1:4]
prefix = sys.argv[4] if len(sys.argv) > 4 else ""
def by_doc(lines, strip):
    docs = {}
    for line in lines:
        record = json.loads(line)
        if strip:
            assert record["doc"].startswith(prefix), record["doc"]
            record["doc"] = record["doc"][len(prefix):]
        docs.setdefault(record["doc"], []).append(record)
    return docs
want = by_doc(open(direct, encoding="utf-8"), False)
parts = sorted(glob.glob(f"{spark_dir}/part-*"))
got = by_doc((l for p in parts for l in open(p, encoding="utf-8")), True)
for doc in sorted(want.keys() | got.keys()):
    if want.get(doc) != got.get(doc):
        print(f"{what}: MISMATCH in {doc}", file=sys.stderr)
        print("  direct:", *want.get(doc, []), sep="\n    ", file=sys.stderr)
        print("  spark: ", *got.get(doc, []), sep="\n    ", file=sys.stderr)
        sys.exit(1)
records = sum(len(r) for r in want.values())
print(f"{what}: {len(want)} documents, {records} records from {len(parts)} orbitext"
      " processes, the same for every document as one direct run")
PY
}

"$BIN" extract --input-format jsonl --format jsonl "$RUN/docs.jsonl" >"$RUN/direct.jsonl"
spark 'local[2]' "$RUN/jsonl.log" --partitions 3 "$RUN/docs.jsonl" "$RUN/out-jsonl"
same "JSON Lines input" "$RUN/direct.jsonl" "$RUN/out-jsonl"
# A file's lines keep their order through textFile's splits, pipe and the numbered part files.
cat "$RUN"/out-jsonl/part-* | cmp - "$RUN/direct.jsonl"
echo "JSON Lines input: the part files in order are the direct run byte for byte"

# As on a cluster: two executors in JVMs and working folders of their own, which find the
# binary where --files puts it there, not where the driver keeps its copy.
spark 'local-cluster[2,1,1024]' "$RUN/cluster.log" --partitions 3 "$RUN/docs.jsonl" "$RUN/out-cluster"
cat "$RUN"/out-cluster/part-* | cmp - "$RUN/direct.jsonl"
echo "two executors of their own (local-cluster[2,1,1024]): the same bytes"

"$BIN" extract --format jsonl fixtures/articles >"$RUN/direct-files.jsonl"
spark 'local[2]' "$RUN/files.log" --text-files "$PWD/fixtures/articles" "$RUN/out-files"
same "text files input" "$RUN/direct-files.jsonl" "$RUN/out-files" "file:$PWD/"

# A flag orbitext refuses makes it exit 2 on every partition: the job must fail, not succeed
# with no records.
if spark 'local[2]' "$RUN/fail.log" "$RUN/docs.jsonl" "$RUN/out-fail" -- --date-order ymd 2>/dev/null; then
  echo "a failing orbitext did not fail the job" >&2
  exit 1
fi
message=$(grep -m1 "invalid value 'ymd'" "$RUN/fail.log") || {
  echo "orbitext's message is not in Spark's log $RUN/fail.log" >&2
  exit 1
}
echo "a failing orbitext fails the job, its message in Spark's log: $message"
echo "spark OK"
