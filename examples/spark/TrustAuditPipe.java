/*
 * TrustAuditPipe — runs the unchanged `trustaudit` binary on Apache Spark through the JVM-side
 * RDD.pipe, over an RDD of shard descriptors (never of certificates).
 *
 * The shard contract (README "Shards, resume, merge"): items are numbered in input order across
 * the INPUTS (directories read recursively in sorted path order); the descriptor "START-END"
 * (multiples of the shard size) makes
 *     trustaudit check --at T --shard-size N --shard-dir DIR --shard START-END INPUTS…
 * check items START…END−1 only and write DIR/shard-<START>-<END>.jsonl atomically, with a
 * trailer. Every task must therefore see the same binary, the same INPUTS (same paths, same
 * bytes, same working directory) and a shared DIR. Afterwards
 *     trustaudit merge --expect-items TOTAL --out evidence.jsonl DIR
 * joins the shards and gives the bytes of the single-process run.
 *
 * Usage:  spark-submit [--master M] --class TrustAuditPipe trustaudit-pipe.jar \
 *             TOTAL_ITEMS SHARD_SIZE PARTITIONS [MASTER]
 * MASTER defaults to spark-submit's --master, else local[2]. Every TRUSTAUDIT_* variable of the
 * driver's environment is handed to each task (executors do not inherit the driver's
 * environment), and run-shard.sh reads them:
 *     TRUSTAUDIT_BIN        the binary                     TRUSTAUDIT_SHARD_DIR  the shared shard folder
 *     TRUSTAUDIT_AT         validation time (ISO 8601)     TRUSTAUDIT_INPUTS     inputs, one per line
 *     TRUSTAUDIT_SCRIPT     run-shard.sh (default: examples/spark/run-shard.sh; made absolute
 *                           from the driver's cwd, so it must be at that path on every node)
 *     TRUSTAUDIT_WORKDIR    where the tasks run, for relative INPUTS (default: the driver's cwd)
 *     TRUSTAUDIT_OPTIONS    extra `check` options, one per line (e.g. --jobs, 1, --issuer, ca.pem)
 * Each partition runs one run-shard.sh process, which checks its descriptors in turn (each into a
 * private folder, then renamed into DIR, so retried and speculative tasks are harmless; shards
 * already in DIR are skipped) and prints one status line per shard:
 * "START-END <tab> exit code <tab> records". Exit status: 0 when every
 * shard reported back, ended with trustaudit exit 0 or 1 (1 = non-conformities found) and has its
 * file with a trailer; 2 otherwise (then re-submit: complete shards are skipped).
 */
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

public final class TrustAuditPipe {
    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: TrustAuditPipe TOTAL_ITEMS SHARD_SIZE PARTITIONS [MASTER]");
            System.exit(2);
        }
        long total = Long.parseLong(args[0]);
        long size = Long.parseLong(args[1]);
        int partitions = Integer.parseInt(args[2]);

        // One descriptor per shard; the last one ends at the next multiple of SHARD_SIZE.
        List<String> descriptors = new ArrayList<>();
        for (long start = 0; start < total; start += size) {
            descriptors.add(start + "-" + (start + size));
        }

        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> { if (k.startsWith("TRUSTAUDIT_")) env.put(k, v); });
        env.putIfAbsent("TRUSTAUDIT_WORKDIR", System.getProperty("user.dir"));
        env.put("TRUSTAUDIT_SHARD_SIZE", Long.toString(size));
        String script = new File(env.getOrDefault("TRUSTAUDIT_SCRIPT", "examples/spark/run-shard.sh"))
                .getAbsolutePath();

        SparkConf conf = new SparkConf().setAppName("trustaudit-shards");
        if (args.length == 4) conf.setMaster(args[3]);
        else if (!conf.contains("spark.master")) conf.setMaster("local[2]");

        List<String> status;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            JavaRDD<String> shards = sc.parallelize(descriptors, Math.max(1, Math.min(partitions, descriptors.size())));
            status = shards.pipe(List.of(script), env).collect();
        }

        long records = 0;
        int failed = 0;
        for (String line : status) {
            String[] f = line.split("\t");
            boolean ok = f.length == 3 && (f[1].equals("0") || f[1].equals("1")) && f[2].matches("[0-9]+");
            if (ok) records += Long.parseLong(f[2]);
            else failed++;
            System.out.println("trustaudit-pipe: shard " + f[0] + (f.length == 3 ? ": exit " + f[1] + ", records " + f[2] : "")
                    + (ok ? "" : "  FAILED"));
        }
        boolean complete = status.size() == descriptors.size();
        System.out.printf("trustaudit-pipe: %d shard(s) of %d, %d record(s), %d failed%s%n",
                status.size(), descriptors.size(), records, failed, complete ? "" : ", status lines missing");
        System.exit(failed == 0 && complete ? 0 : 2);
    }
}
