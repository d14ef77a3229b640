"""Run orbitext over a corpus with Apache Spark, one orbitext process per partition.

Spark splits the documents into partitions and pipes each partition, as JSON Lines
({"id": ..., "text": ...}), through the orbitext binary shipped to every executor with
--files; the records come back as JSON Lines and are written as JSON, one record per line,
in part files under OUTPUT. A record's `doc` is its document's id.

    spark-submit --master local[2] --files target/release/orbitext \\
        scripts/spark_extract.py docs.jsonl out/
    spark-submit --master yarn --files orbitext scripts/spark_extract.py \\
        --partitions 400 hdfs:///news/docs.jsonl hdfs:///news/mentions -- --date-order dmy

Flags after `--` go to `orbitext extract` (ship a --dict file with --files as well and name
it by its file name). Read the output back with `spark.read.json(OUTPUT)`.
"""

import argparse
import json
import os
import shlex
import sys

from pyspark import SparkConf, SparkContext, SparkFiles


def parse_args(argv):
    cut = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(
        description="Extract mentions with orbitext on Spark.",
        epilog="Arguments after -- are passed to `orbitext extract`.",
    )
    parser.add_argument(
        "input",
        help="JSON Lines of {id, text} objects (a file or folder), or a folder of articles",
    )
    parser.add_argument("output", help="folder to create for the records (JSON, one a line)")
    parser.add_argument(
        "--text-files",
        action="store_true",
        help="INPUT holds plain UTF-8 articles, each file's URI its id",
    )
    parser.add_argument(
        "--binary",
        default="orbitext",
        help="file name of the binary shipped with --files (default: orbitext)",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        help="least number of partitions, each one orbitext process (default: Spark's)",
    )
    args = parser.parse_args(argv[:cut])
    args.orbitext_flags = argv[cut + 1 :]
    return args


def compact(record):
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def main(argv):
    args = parse_args(argv)
    sc = SparkContext.getOrCreate(SparkConf().setAppName("orbitext extract"))

    # Where the shipped binary is when a task starts it. An executor of a cluster fetches
    # --files into its working directory, which is where pipe runs its command; in local mode
    # the executor is the driver's own process, and SparkFiles.get names the driver's copy.
    local = sc.master == "local" or sc.master.startswith("local[")
    binary = SparkFiles.get(args.binary) if local else "./" + args.binary
    if local and not os.access(binary, os.X_OK):
        sys.exit(f"spark_extract.py: no {args.binary} shipped: add --files path/to/{args.binary}")

    if args.text_files:
        # wholeTextFiles decodes each file as UTF-8: convert other encodings first, since
        # orbitext's own detection only sees the text after this.
        documents = sc.wholeTextFiles(args.input, args.partitions).map(
            lambda pair: json.dumps({"id": pair[0], "text": pair[1]})
        )
    else:
        # Each line is already a document for orbitext; the lines keep their file order.
        documents = sc.textFile(args.input, args.partitions)

    # Every setting is a flag, so that a worker behaves the same on any host. One process per
    # partition and Spark runs one task per core, hence --threads 1.
    command = shlex.join(
        [binary, "extract", "--input-format", "jsonl", "--format", "jsonl", "--threads", "1"]
        + args.orbitext_flags
        + ["-"]
    )
    lines = documents.pipe(
        command,
        # The command gets exactly this environment (an empty one by default, not the
        # executor's): the same PATH and locale on every host, so nothing a host sets
        # changes a run.
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"},
        # Without it a partition whose orbitext failed (a bad flag, a document it could not
        # read, a crash) would look like one without mentions; with it the task fails and its
        # executor's log holds orbitext's message.
        checkCode=True,
    )
    # Parsing each line lets nothing that is not JSON reach the output (a task fails on it
    # instead); written back compact, a record keeps orbitext's field order and spelling.
    records = lines.map(json.loads)
    records.map(compact).saveAsTextFile(args.output)
    sc.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
