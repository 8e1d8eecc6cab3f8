import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives mpac-pgw at a fixed arrival rate with real HMAC signing and idempotency keys, and prints throughput and
 * latency percentiles. Latency is measured from when each request was due, not when it was sent, so a stalled
 * gateway shows up as latency instead of silently lowering the rate (no coordinated omission).
 *
 * <pre>
 * java tools/PgwBenchmark.java --url http://127.0.0.1:18083 --key-id mpk_... --secret ... \
 *     --rate 1000 --seconds 20 --flow create|pay
 * </pre>
 *
 * With {@code --concurrency N} it runs closed-loop instead (N clients, each sending as soon as it has its answer),
 * which measures the most the gateway can do. {@code create} creates intents; {@code pay} runs create, confirm (SANDBOX test card, manual capture) and capture,
 * and reports each step and the whole. Each run is preceded by {@code --warmup-seconds} (default 5) of the same load,
 * not measured, so this JVM's JIT and connections are warm too. Runs as a multi-file source program (JDK 22+), using {@code S2s} beside it.
 */
public class PgwBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = options.getOrDefault("url", "http://127.0.0.1:18083");
        String keyId = options.get("key-id");
        String secret = options.get("secret");
        double rate = Double.parseDouble(options.getOrDefault("rate", "500"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        String flow = options.getOrDefault("flow", "create");
        String label = options.getOrDefault("label", flow);
        int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "5"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "0"));
        PgwBenchmark benchmark = new PgwBenchmark(url, keyId, secret);
        if (concurrency > 0) {
            // Closed loop: how fast the gateway can go, each of N clients sending as soon as it has its answer.
            benchmark.saturate(null, flow, concurrency, warmup);
            benchmark.saturate(label, flow, concurrency, seconds);
            return;
        }
        if (warmup > 0) {
            // This JVM's own JIT and connection pool warm up too, unmeasured, at the rate to be measured.
            benchmark.run(null, flow, rate, warmup);
        }
        benchmark.run(label, flow, rate, seconds);
    }

    private static final Pattern ID = Pattern.compile("\"id\":\"(pi_[0-9a-z]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String url;
    private final String keyId;
    private final String secret;

    PgwBenchmark(String url, String keyId, String secret) {
        this.url = url;
        this.keyId = keyId;
        this.secret = secret;
    }

    void run(String label, String flow, double rate, int seconds) throws Exception {
        int total = (int) Math.round(rate * seconds);
        Recorder whole = new Recorder(total);
        Recorder create = new Recorder(total);
        Recorder confirm = new Recorder(total);
        Recorder capture = new Recorder(total);
        AtomicInteger errors = new AtomicInteger();
        long intervalNanos = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                workers.submit(() -> {
                    try {
                        String body = "{\"amount\":1500,\"currency\":\"JPY\",\"capture_method\":\""
                                + (flow.equals("pay") ? "manual" : "automatic") + "\"}";
                        HttpResponse<String> created = post("/v1/payment_intents", body);
                        create.record(due, System.nanoTime());
                        if (created.statusCode() != 201) {
                            errors.incrementAndGet();
                            return;
                        }
                        if (flow.equals("pay")) {
                            Matcher id = ID.matcher(created.body());
                            id.find();
                            long step = System.nanoTime();
                            HttpResponse<String> confirmed = post("/v1/payment_intents/" + id.group(1) + "/confirm",
                                    "{\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\"}");
                            confirm.record(step, System.nanoTime());
                            step = System.nanoTime();
                            HttpResponse<String> captured = post("/v1/payment_intents/" + id.group(1) + "/capture",
                                    "{}");
                            capture.record(step, System.nanoTime());
                            if (confirmed.statusCode() != 200 || captured.statusCode() != 200
                                    || !captured.body().contains("\"status\":\"succeeded\"")) {
                                errors.incrementAndGet();
                                return;
                            }
                        }
                        whole.record(due, System.nanoTime());
                    }
                    catch (Exception ex) {
                        errors.incrementAndGet();
                    }
                });
            }
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.MINUTES);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (label == null) {
            return;
        }
        System.out.printf("%s: offered %.0f/s for %d s; completed %d in %.1f s = %.0f/s; errors %d%n", label, rate,
                seconds, whole.count(), elapsed, whole.count() / elapsed, errors.get());
        whole.print(label + " latency");
        if (flow.equals("pay")) {
            create.print("  create");
            confirm.print("  confirm");
            capture.print("  capture");
        }
    }

    void saturate(String label, String flow, int concurrency, int seconds) throws Exception {
        Recorder latency = new Recorder(2_000_000);
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        try {
                            if (once(flow)) {
                                latency.record(sent, System.nanoTime());
                            }
                            else {
                                errors.incrementAndGet();
                            }
                        }
                        catch (Exception ex) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (label != null) {
            System.out.printf("%s: %d clients back to back for %d s; completed %d = %.0f/s; errors %d%n", label,
                    concurrency, seconds, latency.count(), latency.count() / elapsed, errors.get());
            latency.print(label + " latency");
        }
    }

    /** One create (or create, confirm, capture); whether every step answered as it should. */
    private boolean once(String flow) throws Exception {
        HttpResponse<String> created = post("/v1/payment_intents", "{\"amount\":1500,\"currency\":\"JPY\","
                + "\"capture_method\":\"" + (flow.equals("pay") ? "manual" : "automatic") + "\"}");
        if (created.statusCode() != 201) {
            return false;
        }
        if (!flow.equals("pay")) {
            return true;
        }
        Matcher id = ID.matcher(created.body());
        id.find();
        return post("/v1/payment_intents/" + id.group(1) + "/confirm",
                "{\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\"}").statusCode() == 200
                && post("/v1/payment_intents/" + id.group(1) + "/capture", "{}").body()
                        .contains("\"status\":\"succeeded\"");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        URI uri = URI.create(url + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        S2s.signed(keyId, secret, "POST", uri, body).forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Latencies in microseconds; percentiles from the sorted samples. */
    static final class Recorder {

        private final AtomicLongArray samples;
        private final AtomicInteger count = new AtomicInteger();

        Recorder(int capacity) {
            samples = new AtomicLongArray(Math.max(capacity, 1));
        }

        void record(long fromNanos, long toNanos) {
            int at = count.getAndIncrement();
            if (at < samples.length()) {
                samples.set(at, (toNanos - fromNanos) / 1000);
            }
        }

        int count() {
            return Math.min(count.get(), samples.length());
        }

        void print(String label) {
            int n = count();
            if (n == 0) {
                System.out.println(label + ": no samples");
                return;
            }
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = samples.get(i);
            }
            Arrays.sort(sorted);
            System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", label,
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[n - 1] / 1000.0);
        }

        private static double percentile(long[] sorted, double p) {
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
        }
    }
}
