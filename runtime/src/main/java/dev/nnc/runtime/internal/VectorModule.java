package dev.nnc.runtime.internal;

/**
 * Guards the incubating Vector API module. Generated classes call {@link #require()} before
 * touching any vector type, so a JVM started without the flag fails with a message that says what
 * to add instead of a bare {@code NoClassDefFoundError}. This class itself must not refer to
 * {@code jdk.incubator.vector}.
 */
public final class VectorModule {

    /** The module generated code vectorises with. */
    public static final String NAME = "jdk.incubator.vector";

    private VectorModule() {}

    /** Throws if the Vector API module is not in the boot layer. */
    public static void require() {
        if (ModuleLayer.boot().findModule(NAME).isEmpty()) {
            throw new IllegalStateException("nnc models run on the Vector API, an incubating JDK module"
                    + " that is off by default: start the JVM with --add-modules " + NAME
                    + " (for Maven Surefire, add it to <argLine>; for exec, to the java arguments)");
        }
    }
}
