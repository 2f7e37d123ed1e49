import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * slipway/java's servlet container for a WAR: embedded Apache Tomcat serving the WAR at / on
 * $PORT, as Heroku's webapp-runner does (which exists only for Tomcat 9). The buildpack compiles
 * this file against the Tomcat it installs (9.0 for javax.servlet, 10.1 for jakarta.servlet:
 * this API is the same in both). Usage: java -cp "LIB/*" SlipwayWarRunner target/app.war (or the
 * directory of an unpacked WAR, as Cloud Foundry apps push one)
 */
public final class SlipwayWarRunner {

    private SlipwayWarRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(new File(args[0]).isFile() || new File(args[0], "WEB-INF").isDirectory())) {
            System.err.println("usage: SlipwayWarRunner WAR (a .war file or an unpacked one, a directory with a WEB-INF;"
                    + " given: " + String.join(" ", args) + ")");
            System.exit(2);
        }
        String war = new File(args[0]).getAbsolutePath();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        // Tomcat's work directory and the unpacked WAR: the container's file system, fresh each start.
        Path base = Files.createTempDirectory("tomcat");
        Files.createDirectories(base.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(port);
        tomcat.getConnector();
        tomcat.addWebapp("", war);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                System.err.println("Tomcat did not stop cleanly: " + e);
            }
        }, "tomcat-stop"));
        tomcat.start();
        System.out.println("Serving " + args[0] + " at / on port " + port + " with Apache Tomcat "
                + org.apache.catalina.util.ServerInfo.getServerNumber());
        tomcat.getServer().await();
    }
}
