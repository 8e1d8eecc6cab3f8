package com.mpac.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets of one local platform, kept in {@code platform.env}: generated on the first start, reused afterwards
 * (the database roles and anything a developer configured against the platform depend on them staying the same).
 * The file is shell-sourceable {@code KEY='value'} lines, mode 0600.
 */
final class PlatformSecrets {

    static final String PLATFORM_KEYS = "MPAC_PLATFORM_KEYS";
    static final String MASTER_KEY = "MPAC_MASTER_KEY";
    /** The Standard Webhooks secret mq-pay signs its events to mpac-pgw with; only those two services get it. */
    static final String MQPAY_WEBHOOK_SECRET = "MPAC_MQPAY_WEBHOOK_SECRET";
    /** The same for mobilepay-adapter's events to mpac-pgw; only those two services get it. */
    static final String MOBILEPAY_WEBHOOK_SECRET = "MPAC_MOBILEPAY_WEBHOOK_SECRET";
    static final String ADMIN_EMAIL = "MPAC_ADMIN_EMAIL";
    static final String ADMIN_PASSWORD = "MPAC_ADMIN_PASSWORD";
    /** The embedded PostgreSQL's superuser password; not used with {@code MPAC_DB_URL}. */
    static final String DB_SUPERUSER_PASSWORD = "MPAC_DB_SUPERUSER_PASSWORD";
    static final String DEFAULT_ADMIN_EMAIL = "admin@mpac.local";
    /**
     * The Standard Webhooks secret of svc-smarttab's platform subscription at mpac-pgw: the gateway signs its events
     * with it, SmartTab verifies them with it.
     */
    static final String SMARTTAB_WEBHOOK_SECRET = "MPAC_SMARTTAB_WEBHOOK_SECRET";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // No ':' ',' or '|': those separate the parts of MPAC_PLATFORM_KEYS.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-.~+/=]+");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String PASSWORD_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String PASSWORD_DIGITS = "23456789";
    private static final String PASSWORD_SYMBOLS = "_.";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * One service's S2S HMAC key: its id and its active secrets (more than one while a secret is being rotated).
     */
    record PlatformKey(String service, String keyId, List<String> secrets) {

        PlatformKey {
            secrets = List.copyOf(secrets);
        }

        String secret() {
            return secrets.getFirst();
        }

        String entry() {
            return service + ":" + keyId + ":" + String.join("|", secrets);
        }

        @Override
        public String toString() {
            return "PlatformKey[" + service + ", " + keyId + "]";
        }
    }

    private final Map<String, String> values;
    private final List<PlatformKey> platformKeys;

    private PlatformSecrets(Map<String, String> values) {
        this.values = values;
        this.platformKeys = parsePlatformKeys(values.get(PLATFORM_KEYS));
    }

    /**
     * Reads {@code file} if it exists, adds whatever is missing (a first start, or a service added since) and writes
     * the file back only when something was added.
     */
    static PlatformSecrets loadOrCreate(Path file, List<PlatformService> services, SecureRandom random) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean exists = Files.exists(file);
        if (exists) {
            try {
                values.putAll(parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
            catch (IOException ex) {
                throw new LauncherException("cannot read " + file + ": " + ex.getMessage(), ex);
            }
        }
        boolean changed = complete(values, services, random);
        PlatformSecrets secrets = new PlatformSecrets(values);
        if (changed || !exists) {
            write(file, secrets.render(Instant.now()));
        }
        else {
            restrictToOwner(file);
        }
        return secrets;
    }

    /** Secrets that exist only in memory; for tests. */
    static PlatformSecrets generate(List<PlatformService> services, SecureRandom random) {
        Map<String, String> values = new LinkedHashMap<>();
        complete(values, services, random);
        return new PlatformSecrets(values);
    }

    static PlatformSecrets of(Map<String, String> values) {
        return new PlatformSecrets(new LinkedHashMap<>(values));
    }

    List<PlatformKey> platformKeys() {
        return platformKeys;
    }

    PlatformKey platformKey(PlatformService service) {
        return platformKeys.stream()
                .filter(key -> key.service().equals(service.name()))
                .findFirst()
                .orElseThrow(() -> new LauncherException("platform.env has no platform key for " + service.name()));
    }

    /** The value of {@code MPAC_PLATFORM_KEYS}: {@code service:keyId:secret[|secret]} entries joined by commas. */
    String platformKeysValue() {
        return values.get(PLATFORM_KEYS);
    }

    String masterKey() {
        return values.get(MASTER_KEY);
    }

    String mqPayWebhookSecret() {
        return values.get(MQPAY_WEBHOOK_SECRET);
    }

    String mobilePayWebhookSecret() {
        return values.get(MOBILEPAY_WEBHOOK_SECRET);
    }

    String adminEmail() {
        return values.get(ADMIN_EMAIL);
    }

    String adminPassword() {
        return values.get(ADMIN_PASSWORD);
    }

    String smartTabWebhookSecret() {
        return values.get(SMARTTAB_WEBHOOK_SECRET);
    }

    String dbPassword(PlatformService service) {
        return values.get(service.dbPasswordVariable());
    }

    String dbSuperuserPassword() {
        return values.get(DB_SUPERUSER_PASSWORD);
    }

    /** The file's content: a short header, then one {@code KEY='value'} line per secret. */
    String render(Instant generatedAt) {
        StringBuilder text = new StringBuilder()
                .append("# MPAC local platform secrets, written by the launcher on ")
                .append(generatedAt.truncatedTo(ChronoUnit.SECONDS)).append(".\n")
                .append("# Reused on every start: the database roles use these passwords. Keep this file private.\n")
                .append("# Load into a shell with: set -a; . ./platform.env; set +a\n");
        values.forEach((name, value) -> text.append(name).append("='").append(value.replace("'", "'\\''"))
                .append("'\n"));
        return text.toString();
    }

    /**
     * Parses {@code KEY=value} lines the way a POSIX shell would read the simple forms this file uses: unquoted,
     * single-quoted (with {@code '\''} for a quote) or double-quoted values, an optional {@code export}, comments.
     */
    static Map<String, String> parse(String content) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : content.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || !NAME.matcher(line.substring(0, equals)).matches()) {
                throw new LauncherException("platform.env: cannot read line '" + raw + "' (expected KEY=value)");
            }
            values.put(line.substring(0, equals), unquote(line.substring(equals + 1)));
        }
        return values;
    }

    static String newKeyId(String schema, SecureRandom random) {
        return "mpk_" + schema + "_" + HexFormat.of().formatHex(bytes(random, 8));
    }

    static String newKeySecret(SecureRandom random) {
        return "mps_" + BASE64URL.encodeToString(bytes(random, 32));
    }

    static String newMasterKey(SecureRandom random) {
        return Base64.getEncoder().encodeToString(bytes(random, 32));
    }

    /** A Standard Webhooks secret: {@code whsec_} and 32 random bytes in base64. */
    static String newWebhookSecret(SecureRandom random) {
        return "whsec_" + Base64.getEncoder().encodeToString(bytes(random, 32));
    }

    static String newDbPassword(SecureRandom random) {
        return BASE64URL.encodeToString(bytes(random, 24));
    }

    /**
     * 20 characters with at least one upper-case letter, lower-case letter, digit and symbol, so any sensible
     * password policy accepts it; no character a shell, URL or JSON string would need escaped.
     */
    static String newAdminPassword(SecureRandom random) {
        String upper = PASSWORD_LETTERS.substring(0, 24);
        String lower = PASSWORD_LETTERS.substring(24);
        String all = PASSWORD_LETTERS + PASSWORD_DIGITS + PASSWORD_SYMBOLS;
        char[] password = new char[20];
        password[0] = pick(upper, random);
        password[1] = pick(lower, random);
        password[2] = pick(PASSWORD_DIGITS, random);
        password[3] = pick(PASSWORD_SYMBOLS, random);
        for (int i = 4; i < password.length; i++) {
            password[i] = pick(all, random);
        }
        for (int i = password.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char swap = password[i];
            password[i] = password[j];
            password[j] = swap;
        }
        return new String(password);
    }

    private static boolean complete(Map<String, String> values, List<PlatformService> services,
            SecureRandom random) {
        Map<String, String> before = Map.copyOf(values);
        List<PlatformKey> keys = new ArrayList<>(parsePlatformKeys(values.get(PLATFORM_KEYS)));
        for (PlatformService service : services) {
            if (keys.stream().noneMatch(key -> key.service().equals(service.name()))) {
                keys.add(new PlatformKey(service.name(), newKeyId(service.schema(), random),
                        List.of(newKeySecret(random))));
            }
        }
        values.put(PLATFORM_KEYS, String.join(",", keys.stream().map(PlatformKey::entry).toList()));
        values.computeIfAbsent(MASTER_KEY, name -> newMasterKey(random));
        values.computeIfAbsent(MQPAY_WEBHOOK_SECRET, name -> newWebhookSecret(random));
        values.computeIfAbsent(MOBILEPAY_WEBHOOK_SECRET, name -> newWebhookSecret(random));
        values.computeIfAbsent(ADMIN_EMAIL, name -> DEFAULT_ADMIN_EMAIL);
        values.computeIfAbsent(ADMIN_PASSWORD, name -> newAdminPassword(random));
        for (PlatformService service : services) {
            values.computeIfAbsent(service.dbPasswordVariable(), name -> newDbPassword(random));
        }
        values.computeIfAbsent(DB_SUPERUSER_PASSWORD, name -> newDbPassword(random));
        values.computeIfAbsent(SMARTTAB_WEBHOOK_SECRET, name -> newWebhookSecret(random));
        return !values.equals(before);
    }

    private static List<PlatformKey> parsePlatformKeys(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<PlatformKey> keys = new ArrayList<>();
        for (String entry : value.split(",")) {
            String[] parts = entry.strip().split(":", -1);
            List<String> secrets = parts.length == 3 ? Arrays.asList(parts[2].split("\\|", -1)) : List.of();
            boolean valid = parts.length == 3 && TOKEN.matcher(parts[0]).matches()
                    && TOKEN.matcher(parts[1]).matches()
                    && secrets.stream().allMatch(secret -> TOKEN.matcher(secret).matches());
            if (!valid) {
                throw new LauncherException("platform.env: " + PLATFORM_KEYS
                        + " entries must look like service:keyId:secret[|secret], one is not: '"
                        + (parts.length > 1 ? parts[0] + ":" + parts[1] + ":..." : entry) + "'");
            }
            keys.add(new PlatformKey(parts[0], parts[1], secrets));
        }
        return List.copyOf(keys);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (value.startsWith("'")) {
            // 'abc'\''def' is abc'def: concatenated quoted pieces with escaped quotes between them.
            StringBuilder result = new StringBuilder();
            int i = 0;
            while (i < value.length()) {
                if (value.charAt(i) == '\'') {
                    int close = value.indexOf('\'', i + 1);
                    if (close < 0) {
                        throw new LauncherException("platform.env: unterminated quote in " + value);
                    }
                    result.append(value, i + 1, close);
                    i = close + 1;
                }
                else if (value.startsWith("\\'", i)) {
                    result.append('\'');
                    i += 2;
                }
                else {
                    result.append(value.charAt(i++));
                }
            }
            return result.toString();
        }
        return value.strip();
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            catch (UnsupportedOperationException ex) {
                Files.createFile(temp);
            }
            catch (FileAlreadyExistsException ex) {
                throw new LauncherException("cannot write " + temp + ": it appeared while writing it", ex);
            }
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new LauncherException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
        catch (UnsupportedOperationException | IOException ex) {
            // Not a POSIX file system: nothing more we can do about permissions.
        }
    }

    private static byte[] bytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static char pick(String alphabet, SecureRandom random) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    @Override
    public String toString() {
        return "PlatformSecrets" + values.keySet();
    }
}
