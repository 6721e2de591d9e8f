package dev.nnc.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.annotations.Activation;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.Optimizer;
import dev.nnc.processor.emit.ModelEmitter;
import dev.nnc.processor.plan.NetworkPlan;
import dev.nnc.processor.plan.Planner;
import dev.nnc.processor.read.FileImports;
import dev.nnc.processor.read.OrphanReader;
import dev.nnc.processor.read.SourceMap;
import dev.nnc.processor.read.SpecReader;
import dev.nnc.processor.validate.Diagnostic;
import dev.nnc.processor.validate.Message;
import dev.nnc.processor.validate.OrphanValidator;
import dev.nnc.processor.validate.SpecValidator;
import dev.nnc.processor.validate.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import javax.tools.StandardLocation;

/**
 * Compiles every {@code @Network} spec into a model class: read, validate, plan, emit, in that
 * order and in one direction. A mistake in a spec is a compile error at its element; code is
 * emitted only from a clean report. The other annotations are processed too, so one that no spec
 * reads (a {@code @Layer} in an interface without {@code @Network}) is an error, not ignored; none
 * is claimed, so other processors still see them.
 */
@AutoService(Processor.class)
public final class NetworkProcessor extends AbstractProcessor {

    static final String NETWORK = "dev.nnc.annotations.Network";

    /**
     * The classes of the specs read so far in this build (qualified name to the spec's), so a second
     * spec naming one is told which spec has it.
     */
    private final Map<String, String> claimed = new HashMap<>();

    private FileImports imports;

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        imports = FileImports.of(environment);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(NETWORK, Layer.class.getCanonicalName(), Activation.class.getCanonicalName(), Loss.class.getCanonicalName(),
                Optimizer.class.getCanonicalName());
    }

    /** The processor javac finds through its service entry (annotationProcessorPaths). */
    public NetworkProcessor() {}

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement network = processingEnv.getElementUtils().getTypeElement(NETWORK);
        if (network == null) {
            return false;
        }
        for (Element element : round.getElementsAnnotatedWith(network)) {
            try {
                compile((TypeElement) element);
            } catch (RuntimeException | IOException e) {
                reportFailure(e, "this spec", element);
            }
        }
        try {
            OrphanReader.Result orphans = new OrphanReader().read(round);
            printErrors(new OrphanValidator().validate(orphans.orphans()), orphans.sources());
        } catch (RuntimeException e) {
            reportFailure(e, "the annotations outside specs", null);
        }
        return false;
    }

    /** An unexpected exception is a compile error at {@code element} (or none), never a javac crash. */
    private void reportFailure(Exception e, String what, Element element) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String message = "[nnc.internal] the nnc processor failed on " + what + "; please report it with this trace: " + trace;
        if (element == null) {
            processingEnv.getMessager().printMessage(Kind.ERROR, message);
        } else {
            processingEnv.getMessager().printMessage(Kind.ERROR, message, element);
        }
    }

    private void printErrors(ValidationReport report, SourceMap sources) {
        Reporter reporter = new Reporter(processingEnv.getMessager());
        for (Diagnostic diagnostic : report.diagnostics()) {
            reporter.error(diagnostic, sources);
        }
    }

    private void compile(TypeElement type) throws IOException {
        SpecReader.Result read = new SpecReader(processingEnv.getElementUtils(), claimed, imports).read(type);
        // claimed even with mistakes: the two specs' names clash until one is renamed
        claimed.putIfAbsent(read.spec().qualifiedClassName(), read.spec().interfaceName());
        ValidationReport report = new SpecValidator().validate(read.spec());
        if (!report.isClean()) {
            printErrors(report, read.sources());
            return;
        }
        NetworkPlan plan = new Planner().plan(read.spec());
        TypeSpec model = new ModelEmitter(plan).emit().toBuilder().addOriginatingElement(type).build();
        JavaFile file = JavaFile.builder(read.spec().packageName(), model).skipJavaLangImports(true).indent("    ").build();
        file.writeTo(processingEnv.getFiler());
        if (!read.spec().weights().isEmpty() && !resourceExists(read.spec().packageName(), read.spec().weights())) {
            Message message = Message.WEIGHTS_NOT_FOUND;
            new Reporter(processingEnv.getMessager()).warning(new Diagnostic(message, read.spec().source().at("weights"),
                    message.format(read.spec().weights(), read.spec().className())), read.sources());
        }
    }

    /**
     * Whether the build can see the resource {@code path}, resolved from {@code packageName} as
     * {@code Class.getResource} resolves it: among the compiled output (where Maven copies the
     * resources before compiling) or on the class path. A miss is a warning only: the resource may
     * come with another artifact at run time.
     */
    private boolean resourceExists(String packageName, String path) {
        String pkg = path.startsWith("/") ? "" : packageName;
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (StandardLocation location : List.of(StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH)) {
            try (InputStream in = processingEnv.getFiler().getResource(location, pkg, relative).openInputStream()) {
                return true;
            } catch (IOException | IllegalArgumentException notThere) {
                // look in the next location
            }
        }
        return false;
    }
}
