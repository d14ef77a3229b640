#!/usr/bin/env bash
# Benchmark orbitext against grep (and ripgrep, when installed) on a synthetic corpus made from
# the fixture articles: N MB in 10 KB files, and one N MB file. Prints MB/s, the ratio of each
# time to grep's, and peak memory. Deterministic: the same N gives the same corpus.
#
#   scripts/bench.sh            # 100 MB
#   scripts/bench.sh 20         # a quicker 20 MB run
#   BIG=1024 scripts/bench.sh   # also peak memory on a 1 GB single file, 2 and 64 threads
#   BIN=/tmp/old/orbitext scripts/bench.sh   # another build, e.g. to compare with a commit
#   PAIRS=21 scripts/bench.sh   # more rounds of grep and orbitext in turns (0 for none)
#   scripts/bench.sh --hostile  # adversarial inputs of 10 KB, 100 KB and 1 MB against news
#   scripts/bench.sh --memory 1024   # only peak memory of one 1 GB file, 2 and 64 threads
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${WORK:-${TMPDIR:-/tmp}/orbitext-bench}
BIN=${BIN:-target/release/orbitext}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

# Inputs crafted to make a rule's cost grow faster than the text: each shape repeated to the
# size, timed against news of the same size (the fixture articles repeated). A ratio far above
# 1, or a peak memory that grows faster than the size, is a super-linear stage.
if [ "${1:-}" = --hostile ]; then
  cargo build --release --quiet
  dir="$WORK/hostile"
  mkdir -p "$dir"
  python3 - "$dir" <<'PY'
import os, sys
out = sys.argv[1]
shapes = {
    "news": "".join(open(os.path.join("fixtures/articles", n), encoding="utf-8").read() + "\n"
                    for n in sorted(os.listdir("fixtures/articles"))),
    "ministry-of": "Ministry of ",
    "deputy": "Deputy ",
    "deputy-ministry-of-the": "Deputy Ministry of the ",
    "yearless-dates": "on Sept. 30, officials met. On Oct. 2, they signed. ",
    "nasa-comma": "NASA,",
    "one-word": "x",
    "surnames": "Minister Jane Ostrova said Ostrova and Roe met. ",
    "abbreviations": "the National Space Agency (NSA) and NSA ",
    "datelines": "PARIS, May 2 — A short note.\n\n",
    "numbers": "2024 30 1 ",
}
for size, label in [(10 << 10, "10k"), (100 << 10, "100k"), (1 << 20, "1m")]:
    for name, unit in shapes.items():
        text = (unit * (size // len(unit.encode()) + 1)).encode()[:size]
        text = text.decode("utf-8", "ignore")
        with open(os.path.join(out, f"{name}-{label}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
PY
  printf '%-26s %6s %9s %9s %9s\n' "shape" "size" "seconds" "vs news" "peak MB"
  for label in 10k 100k 1m; do
    for name in news $(cd "$dir" && ls -- *-"$label".txt | sed "s/-$label.txt\$//" | grep -vx news); do
      file="$dir/$name-$label.txt"
      best="" rss=""
      for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" extract --format jsonl "$file" > /dev/null 2>&1 || true
        read -r t m < "$WORK/time"
        if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t; rss=$m; fi
      done
      [ "$name" = news ] && news=$best
      ratio=$(awk "BEGIN { printf \"%.1f\", $best / ($news > 0.01 ? $news : 0.01) }")
      printf '%-26s %6s %9s %9s %9d\n' "$name" "$label" "$best" "$ratio" $(( rss / 1024 ))
    done
  done
  exit 0
fi

memory_only=""
if [ "${1:-}" = --memory ]; then memory_only=1; shift; fi
MB=${1:-100}
RUNS=${RUNS:-3}

cargo build --release --quiet
mkdir -p "$WORK"

# The corpus: fixture paragraphs drawn in a fixed pseudo-random order.
generate() { # generate MB FOLDER|FILE
  python3 - "$1" "$2" <<'PY'
import os, random, sys
mb, out = int(sys.argv[1]), sys.argv[2]
src = "fixtures/articles"
paras = []
for name in sorted(os.listdir(src)):
    text = open(os.path.join(src, name), encoding="utf-8").read()
    paras += [p for p in text.split("\n\n") if p.strip()]
rng = random.Random(2026)
def article(size):
    parts, n = [], 0
    while n < size:
        p = rng.choice(paras)
        parts.append(p)
        n += len(p.encode()) + 2
    return "\n\n".join(parts) + "\n"
target = mb * 1024 * 1024
if out.endswith(".txt"):
    with open(out, "w", encoding="utf-8") as f:
        total = 0
        while total < target:
            # A form feed between articles, as news dumps separate them: the file then
            # holds the folder's articles, each its own context.
            a = article(10 * 1024) + "\f\n"
            f.write(a)
            total += len(a.encode())
else:
    total, i = 0, 0
    while total < target:
        d = os.path.join(out, f"{i // 1000:03d}")
        os.makedirs(d, exist_ok=True)
        a = article(10 * 1024)
        with open(os.path.join(d, f"{i:06d}.txt"), "w", encoding="utf-8") as f:
            f.write(a)
        total += len(a.encode())
        i += 1
PY
}

folder="$WORK/folder-$MB"
single="$WORK/single-$MB.txt"
# Peak resident memory of one run on the single file with THREADS threads: "SECONDS KB".
peak() { # peak THREADS
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" extract --threads "$1" --format jsonl "$single" > /dev/null
  cat "$WORK/time"
}
if [ -n "$memory_only" ]; then
  [ -f "$single" ] || generate "$MB" "$single"
  for threads in 2 64; do
    read -r t m < <(peak "$threads")
    printf '%-44s %8s s %9d MB\n' "orbitext, one ${MB} MB file, $threads threads" "$t" $(( m / 1024 ))
  done
  exit 0
fi
[ -d "$folder" ] || generate "$MB" "$folder"
[ -f "$single" ] || generate "$MB" "$single"
bytes=$(du -sb "$folder" | cut -f1)

# Every alias grep is asked to find: the same forms orbitext's dictionaries match.
aliases="$WORK/aliases.txt"
"$BIN" dicts list --format tsv | awk -F'\t' 'NR > 1 && ($1 == "country" || $1 == "agency" || $1 == "official") {
  print $3; n = split($4, a, "|"); for (i = 1; i <= n; i++) if (a[i] != "") print a[i] }' | sort -u > "$aliases"

cat "$folder"/*/* > /dev/null # warm the page cache

# best-of-RUNS wall time and the peak RSS of that run: "SECONDS KB". Output goes to a real
# file: GNU grep notices a stdout of /dev/null and stops at the first match.
measure() {
  local best="" rss=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" 2>>"$WORK/stderr" || true
    read -r t m < "$WORK/time"
    if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t; rss=$m; fi
  done
  echo "$best $rss"
}

printf '%-44s %8s %9s %10s %12s\n' "command (${MB} MB in 10 KB files)" "seconds" "MB/s" "vs grep" "peak RSS"
read -r grep_t grep_m < <(measure grep -r -F -w -o -b -f "$aliases" "$folder")
row() { # row LABEL SECONDS KB
  local mbs ratio
  mbs=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 / ($2 > 0 ? $2 : 0.001) }")
  ratio=$(awk "BEGIN { printf \"%.2f\", $2 / ($grep_t > 0 ? $grep_t : 0.001) }")
  printf '%-44s %8s %9s %10s %9d MB\n' "$1" "$2" "$mbs" "$ratio" $(( $3 / 1024 ))
}
row "grep -r -F -w -o -b -f aliases" "$grep_t" "$grep_m"
if command -v rg >/dev/null; then
  read -r t m < <(measure rg -F -w -o -b -f "$aliases" "$folder"); row "rg -F -w -o -b -f aliases" "$t" "$m"
fi
for threads in 1 2; do
  for format in jsonl csv; do
    read -r t m < <(measure "$BIN" extract --threads "$threads" --format "$format" "$folder")
    row "orbitext extract --format $format --threads $threads" "$t" "$m"
  done
done
read -r t m < <(measure "$BIN" extract --format jsonl "$single")
row "orbitext, one ${MB} MB file" "$t" "$m"
# Many threads on two cores: memory must stay bounded however many threads there are.
read -r t m < <(RUNS=1 measure "$BIN" extract --threads 64 --format jsonl "$single")
row "orbitext, one ${MB} MB file, 64 threads" "$t" "$m"
read -r t m < <(measure "$BIN" extract --format jsonl /dev/null)
printf '%-44s %8s   (dictionaries loaded, trie built, rules compiled)\n' "orbitext start-up" "$t"

# Paired with grep. On a shared machine the best of a few runs flatters whichever command met a
# quiet minute, and a run on two cores meets one less often than a run on one. Each round runs
# grep and then orbitext with two threads right after it; the median of the rounds' ratios
# compares the two under the same conditions.
PAIRS=${PAIRS:-11}
timed() { # timed COMMAND...: the wall seconds of one run, written to a file as in `measure`
  local start end
  # `date` prints a point whatever the locale; the commands keep the caller's locale.
  start=$(date +%s.%N)
  "$@" > "$WORK/out" 2>>"$WORK/stderr" || true
  end=$(date +%s.%N)
  LC_ALL=C awk "BEGIN { print $end - $start }"
}
if [ "$PAIRS" -gt 0 ]; then
  printf '%-44s %8s %9s %10s
' "paired with grep (${PAIRS} rounds, 2 threads)" "median" "lower q" "upper q"
  for format in jsonl csv; do
    for _ in $(seq "$PAIRS"); do
      g=$(timed grep -r -F -w -o -b -f "$aliases" "$folder")
      o=$(timed "$BIN" extract --threads 2 --format "$format" "$folder")
      LC_ALL=C awk "BEGIN { print $o / $g }"
    done | LC_ALL=C sort -g | LC_ALL=C awk -v label="orbitext --format $format / grep" '
      { r[NR] = $1 }
      END { printf "%-44s %8.2f %9.2f %10.2f\n", label, r[int((NR + 1) / 2)], r[int(NR / 4) + 1], r[int(3 * NR / 4) + 1] }'
  done
fi

if [ -n "${BIG:-}" ]; then
  big="$WORK/single-$BIG.txt"
  [ -f "$big" ] || generate "$BIG" "$big"
  for threads in 2 64; do
    read -r t m < <(RUNS=1 measure "$BIN" extract --threads "$threads" --format jsonl "$big")
    printf '%-44s %8s %9s %10s %9d MB\n' "orbitext, one ${BIG} MB file, $threads threads" "$t" "" "" $(( m / 1024 ))
  done
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
