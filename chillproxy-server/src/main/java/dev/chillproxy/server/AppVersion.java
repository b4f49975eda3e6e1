package dev.chillproxy.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version shown in the manifest: Maven's {@code pom.properties} in the jar, or a dev marker. */
final class AppVersion {

    private static final String POM_PROPERTIES = "/META-INF/maven/dev.chillproxy/chillproxy-server/pom.properties";
    static final String DEVELOPMENT = "0.0.0-dev";

    private AppVersion() {
    }

    public static String read() {
        try (InputStream in = AppVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return DEVELOPMENT;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", DEVELOPMENT);
        } catch (IOException e) {
            return DEVELOPMENT;
        }
    }
}
