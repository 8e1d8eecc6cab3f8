import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;

/**
 * Drives svc-smarttab's {@code POST /orders} with a terminal's JWT at fixed arrival rates and prints throughput and
 * latency percentiles, measured from when each request was due (no coordinated omission). It plays svc-portal's
 * part itself: an EC P-256 key, the device and human JWKS on {@code --jwks-port} (point SmartTab's
 * {@code MPAC_PORTAL_URL} at it), and an RFC 9068 device token signed ES256, so SmartTab verifies a real signature
 * on every request. Each request carries a fresh Idempotency-Key.
 *
 * <pre>
 * java tools/SmartTabBenchmark.java --url http://127.0.0.1:18082 --jwks-port 18181 --rates 50,100,200 \
 *     --seconds 20 [--concurrency 16]
 * </pre>
 */
public class SmartTabBenchmark {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String ORDER = """
            {"currency":"JPY","items":[{"name":"Ramen","sku":"R1","quantity":2,"unit_price":1200,"tax_rate":10},
             {"name":"Tea","quantity":1,"unit_price":300,"tax_rate":10,"tax_inclusive":true}]}""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String url;
    private final String token;

    SmartTabBenchmark(String url, String token) {
        this.url = url;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = options.getOrDefault("url", "http://127.0.0.1:18082");
        int jwksPort = Integer.parseInt(options.getOrDefault("jwks-port", "18181"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "10"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "0"));

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        serveJwks(jwksPort, (ECPublicKey) key.getPublic());
        String token = deviceToken(key);
        SmartTabBenchmark benchmark = new SmartTabBenchmark(url, token);
        benchmark.awaitReady();

        benchmark.run(null, 50, warmup);
        if (concurrency > 0) {
            benchmark.saturate(concurrency, seconds);
        }
        for (String rate : options.getOrDefault("rates", "50,100").split(",")) {
            benchmark.run("POST /orders", Double.parseDouble(rate), seconds);
        }
        // The JWKS server's thread would keep the JVM alive.
        System.exit(0);
    }

    void run(String label, double rate, int seconds) throws Exception {
        int total = (int) Math.round(rate * seconds);
        Recorder latency = new Recorder(total);
        AtomicInteger errors = new AtomicInteger();
        long interval = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                workers.submit(() -> {
                    try {
                        if (order().statusCode() == 201) {
                            latency.record(due, System.nanoTime());
                        }
                        else {
                            errors.incrementAndGet();
                        }
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
        if (label != null) {
            System.out.printf("%s at %.0f/s offered for %d s: completed %d in %.1f s = %.0f/s; errors %d%n", label,
                    rate, seconds, latency.count(), elapsed, latency.count() / elapsed, errors.get());
            latency.print("  latency");
        }
    }

    void saturate(int concurrency, int seconds) throws Exception {
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
                            if (order().statusCode() == 201) {
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
        System.out.printf("POST /orders, %d clients back to back for %d s: %d = %.0f/s; errors %d%n", concurrency,
                seconds, latency.count(), latency.count() / elapsed, errors.get());
        latency.print("  latency");
    }

    private HttpResponse<String> order() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/orders")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(ORDER, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 240; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            }
            catch (java.io.IOException ex) {
                // Not up yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " did not become ready");
    }

    private static void serveJwks(int port, ECPublicKey key) throws Exception {
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"ES256\","
                + "\"x\":\"" + coordinate(key.getW().getAffineX()) + "\",\"y\":\"" + coordinate(key.getW().getAffineY())
                + "\"}]}";
        byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        for (String kind : new String[] { "device", "human" }) {
            server.createContext("/api/v1/jwks/" + kind, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
        }
        server.start();
    }

    /** A terminal's access token as svc-portal shapes it (RFC 9068), ES256 over the JWS signing input. */
    private static String deviceToken(KeyPair key) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"bench\"}";
        String claims = "{\"iss\":\"urn:mpac:portal:device\",\"sub\":\"trm_bench\",\"aud\":[\"svc-smarttab\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\","
                + "\"client_id\":\"trm_bench\",\"psp_id\":\"psp_bench\",\"merchant_id\":\"mer_bench\","
                + "\"store_id\":\"sto_bench\",\"scope\":\"pos\"}";
        String input = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64URL.encodeToString(signer.sign());
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return B64URL.encodeToString(fixed);
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
