package lexgraph;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.fs.FileUtils;

/**
 * Neo4j Community for lexgraph's tests: Bolt on a free localhost port (or the one given as {@code --port=N}), a
 * temporary store that is removed on exit, or the store under {@code --home=DIR} (kept: a database that
 * neo4j-admin imported there, for one), authentication off. Prints "NEO4J_URI=bolt://127.0.0.1:PORT" once
 * the database answers, then runs until standard input closes or the process is signalled, and stops cleanly.
 */
public final class Neo4jTestServer {
    public static void main(String[] args) throws Exception {
        int port = 0;
        Path given = null;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--home=")) {
                given = Path.of(arg.substring("--home=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + " (--port=N, --home=DIR)");
            }
        }
        if (port == 0) {
            port = freePort();
        }
        boolean temporary = given == null;
        Path home = temporary ? Files.createTempDirectory("lexgraph-neo4j-") : given;
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // LOAD CSV reads the test's files where pytest wrote them (a test server only)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, Path.of("/"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                // time-outs are checked every 100 ms (the default, 2 s, lets a short query outrun its time-out)
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                .build();
        Runnable stop = () -> {
            try {
                service.shutdown();
            } finally {
                try {
                    if (temporary) {
                        FileUtils.deleteDirectory(home);
                    }
                } catch (IOException ignored) {
                    // a temporary folder left behind is harmless
                }
            }
        };
        Thread hook = new Thread(stop, "neo4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("NEO4J_URI=bolt://127.0.0.1:" + port);
        System.out.flush();
        // Parent gone (stdin closed) or told to stop: shut down.
        while (System.in.read() != -1) {
            // ignore input
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        stop.run();
        System.exit(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
