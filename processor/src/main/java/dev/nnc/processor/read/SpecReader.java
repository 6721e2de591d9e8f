package dev.nnc.processor.read;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.Initializer;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.processor.layer.LayerTypes;
import dev.nnc.processor.spec.ActivationSpec;
import dev.nnc.processor.spec.ClassNameFacts;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSettings;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.LossSpec;
import dev.nnc.processor.spec.MethodShape;
import dev.nnc.processor.spec.NetworkSpec;
import dev.nnc.processor.spec.OptimizerSpec;
import dev.nnc.processor.spec.Penalties;
import dev.nnc.processor.spec.Source;
import dev.nnc.processor.spec.TypeShape;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Turns a {@code @Network} element into a {@link NetworkSpec}: the one place that reads
 * {@code javax.lang.model}. It judges nothing; it records what was written and the facts the
 * validator needs, and numbers every source in a {@link SourceMap}.
 */
public final class SpecReader {

    private final Elements elements;
    private final Map<String, String> claimedClassNames;
    private final FileImports imports;

    /**
     * @param claimedClassNames the classes of the specs read earlier in this build, which
     *     {@link Elements} does not know yet: each qualified class name to its spec's qualified name
     * @param imports the imports of a spec's file, where they can be read
     */
    public SpecReader(Elements elements, Map<String, String> claimedClassNames, FileImports imports) {
        this.elements = elements;
        this.claimedClassNames = claimedClassNames;
        this.imports = imports;
    }

    /** A spec and the map from its sources back to elements. */
    public record Result(NetworkSpec spec, SourceMap sources) {}

    public Result read(TypeElement type) {
        SourceMap sources = new SourceMap();
        Network network = type.getAnnotation(Network.class);
        Source networkSource = sources.register(type, mirror(type, Network.class));
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        String className = network.name();

        List<LayerSpec> layers = new ArrayList<>();
        List<NetworkSpec.Stray> strays = new ArrayList<>();
        List<NetworkSpec.Stray> withoutLayer = new ArrayList<>();
        readInherited(type, networkSource, layers);
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (method.getAnnotation(Layer.class) != null) {
                layers.add(readLayer(method, null, sources));
            } else if (method.getAnnotation(Activation.class) != null) {
                strays.add(new NetworkSpec.Stray(method.getSimpleName().toString(),
                        sources.register(method, mirror(method, Activation.class))));
            } else if (method.getModifiers().contains(Modifier.ABSTRACT) && !redeclaresObjectMethod(method)) {
                withoutLayer.add(new NetworkSpec.Stray(method.getSimpleName().toString(), sources.register(method, null)));
            }
        }

        NetworkSpec spec = new NetworkSpec(
                packageName,
                type.getQualifiedName().toString(),
                className,
                isValidName(className) ? classNameFacts(type, packageName, className) : ClassNameFacts.none(),
                shapeOf(type),
                networkSource,
                network.inputs(),
                network.timesteps(),
                network.features(),
                network.seed(),
                network.precision(),
                network.weights(),
                written(mirror(type, Network.class)),
                layers,
                strays,
                withoutLayer,
                readLoss(type, sources),
                readOptimizer(type, sources));
        return new Result(spec, sources);
    }

    /**
     * Whether {@code method} is one of Object's public methods that an interface may declare
     * abstract again (JLS 9.2): {@code toString()}, {@code hashCode()}, {@code equals(Object)}. Such
     * a method is no layer, and no mistake.
     */
    private static boolean redeclaresObjectMethod(ExecutableElement method) {
        String name = method.getSimpleName().toString();
        List<? extends VariableElement> parameters = method.getParameters();
        return parameters.isEmpty()
                ? name.equals("toString") || name.equals("hashCode")
                : parameters.size() == 1 && name.equals("equals") && parameters.get(0).asType().toString().equals("java.lang.Object");
    }

    /** What {@code className} meets in the package, in java.lang and among the imports of {@code type}'s file. */
    private ClassNameFacts classNameFacts(TypeElement type, String packageName, String className) {
        String qualifiedClassName = packageName.isEmpty() ? className : packageName + "." + className;
        TypeElement packageType = elements.getTypeElement(qualifiedClassName);
        TypeElement javaLangType = elements.getTypeElement("java.lang." + className);
        TypeElement importedType = null;
        String importDeclaration = null;
        for (FileImports.Import declared : imports.of(type)) {
            String candidate = declared.onDemand() ? declared.name() + "." + className : declared.name();
            importedType = candidate.endsWith("." + className) ? elements.getTypeElement(candidate) : null;
            if (importedType != null) {
                importDeclaration = declared.toString();
                break;
            }
        }
        return new ClassNameFacts(qualifiedName(packageType), claimedClassNames.get(qualifiedClassName), publicName(javaLangType),
                qualifiedName(importedType), importDeclaration);
    }

    private static String qualifiedName(TypeElement type) {
        return type == null ? null : type.getQualifiedName().toString();
    }

    private static String publicName(TypeElement type) {
        return type == null || !type.getModifiers().contains(Modifier.PUBLIC) ? null : qualifiedName(type);
    }

    /** Layers declared in superinterfaces are mistakes; they are recorded so the validator can say so. */
    private static void readInherited(TypeElement type, Source networkSource, List<LayerSpec> layers) {
        for (TypeElement parent : superinterfaces(type)) {
            for (ExecutableElement method : ElementFilter.methodsIn(parent.getEnclosedElements())) {
                Layer layer = method.getAnnotation(Layer.class);
                if (layer != null) {
                    MethodShape shape = new MethodShape(0, "void", null, parent.getSimpleName().toString());
                    layers.add(new LayerSpec(method.getSimpleName().toString(), networkSource, shape,
                            layer.kind(), layer.units(), layer.useBias(), layer.trainable(),
                            InitializerSpec.of(layer.initializer().value(), networkSource),
                            InitializerSpec.of(layer.biasInitializer().value(), networkSource),
                            Penalties.none(networkSource), ActivationSpec.linear(networkSource), LayerSettings.defaults(networkSource)));
                }
            }
        }
    }

    /** Every interface {@code type} extends, directly or not, each once, an interface's own before the interface. */
    static Set<TypeElement> superinterfaces(TypeElement type) {
        Set<TypeElement> found = new LinkedHashSet<>();
        for (TypeMirror superinterface : type.getInterfaces()) {
            TypeElement parent = (TypeElement) ((DeclaredType) superinterface).asElement();
            found.addAll(superinterfaces(parent));
            found.add(parent);
        }
        return found;
    }

    private static LayerSpec readLayer(ExecutableElement method, String declaredIn, SourceMap sources) {
        Layer layer = method.getAnnotation(Layer.class);
        Source layerSource = sources.register(method, mirror(method, Layer.class));
        Activation activation = method.getAnnotation(Activation.class);
        ActivationSpec activationSpec = activation == null
                ? ActivationSpec.byDefault(LayerTypes.of(layer.kind()).defaultActivation(), layerSource)
                : new ActivationSpec(activation.value(), activation.alpha(), activation.approximate(),
                        written(mirror(method, Activation.class)), sources.register(method, mirror(method, Activation.class)));
        return new LayerSpec(
                method.getSimpleName().toString(),
                layerSource,
                shapeOf(method, declaredIn),
                layer.kind(),
                layer.units(),
                layer.useBias(),
                layer.trainable(),
                initializer(layer.initializer(), "initializer", mirror(method, Layer.class), layerSource),
                initializer(layer.biasInitializer(), "biasInitializer", mirror(method, Layer.class), layerSource),
                new Penalties(layer.kernelL1(), layer.kernelL2(), layer.biasL1(), layer.biasL2(), layerSource),
                activationSpec,
                new LayerSettings(layer.rate(), layer.momentum(), layer.epsilon(), layer.center(), layer.scale(),
                        layer.returnSequences(), layer.recurrentActivation(), layer.unitForgetBias(),
                        initializer(layer.recurrentInitializer(), "recurrentInitializer", mirror(method, Layer.class), layerSource),
                        layer.dropout(), layer.recurrentDropout(), layer.resetAfter(), written(mirror(method, Layer.class))));
    }

    /** An {@code @Initializer} nested in {@code @Layer} as {@code attribute}, with the settings written on it. */
    private static InitializerSpec initializer(Initializer initializer, String attribute, AnnotationMirror layer, Source layerSource) {
        Set<String> written = new HashSet<>();
        layer.getElementValues().forEach((element, value) -> {
            if (element.getSimpleName().contentEquals(attribute) && value.getValue() instanceof AnnotationMirror nested) {
                written.addAll(written(nested));
            }
        });
        return new InitializerSpec(initializer.value(), initializer.mean(), initializer.stddev(), initializer.minval(),
                initializer.maxval(), initializer.constant(), initializer.gain(), written, layerSource.at(attribute));
    }

    private static LossSpec readLoss(TypeElement type, SourceMap sources) {
        Loss loss = type.getAnnotation(Loss.class);
        return loss == null ? null
                : new LossSpec(loss.value(), loss.fromLogits(), loss.delta(), loss.quantile(), loss.gamma(), loss.alpha(),
                        written(mirror(type, Loss.class)), sources.register(type, mirror(type, Loss.class)));
    }

    private static OptimizerSpec readOptimizer(TypeElement type, SourceMap sources) {
        Optimizer optimizer = type.getAnnotation(Optimizer.class);
        if (optimizer == null) {
            return null;
        }
        AnnotationMirror mirror = mirror(type, Optimizer.class);
        return new OptimizerSpec(optimizer.value(), optimizer.learningRate(), optimizer.momentum(),
                optimizer.nesterov(), optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(),
                optimizer.weightDecay(), optimizer.rho(), optimizer.centered(), optimizer.amsgrad(),
                optimizer.momentumDecay(), optimizer.clipNorm(), optimizer.clipValue(), written(mirror),
                sources.register(type, mirror));
    }

    /** The attributes written on an annotation, as opposed to left at their defaults. */
    private static Set<String> written(AnnotationMirror mirror) {
        Set<String> names = new HashSet<>();
        mirror.getElementValues().keySet().forEach(attribute -> names.add(attribute.getSimpleName().toString()));
        return names;
    }

    private static TypeShape shapeOf(TypeElement type) {
        String kind = switch (type.getKind()) {
            case INTERFACE -> "interface";
            case CLASS -> "class";
            case ENUM -> "enum";
            case ANNOTATION_TYPE -> "annotation type";
            default -> type.getKind().name().toLowerCase(java.util.Locale.ROOT);
        };
        Element enclosing = type.getEnclosingElement();
        boolean inner = enclosing.getKind().isClass() || enclosing.getKind().isInterface()
                ? !type.getModifiers().contains(Modifier.STATIC) && type.getKind() == ElementKind.CLASS
                : false;
        return new TypeShape(kind, !type.getTypeParameters().isEmpty(), inner);
    }

    private static MethodShape shapeOf(ExecutableElement method, String declaredIn) {
        String modifier = method.isDefault() ? "default"
                : method.getModifiers().contains(Modifier.STATIC) ? "static"
                : method.getModifiers().contains(Modifier.PRIVATE) ? "private" : null;
        return new MethodShape(method.getParameters().size(), method.getReturnType().toString(), modifier, declaredIn);
    }

    static AnnotationMirror mirror(Element element, Class<? extends Annotation> annotation) {
        String name = annotation.getCanonicalName();
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(name)) {
                return mirror;
            }
        }
        return null;
    }

    private static boolean isValidName(String name) {
        return javax.lang.model.SourceVersion.isIdentifier(name) && !javax.lang.model.SourceVersion.isKeyword(name);
    }
}
