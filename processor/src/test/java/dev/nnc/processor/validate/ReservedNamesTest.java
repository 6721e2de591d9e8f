package dev.nnc.processor.validate;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.runtime.DoubleModel;
import dev.nnc.runtime.Model;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A layer may not take the name of a method the generated class has: one of {@code Model}'s (or
 * {@code DoubleModel}'s, for {@code precision = DOUBLE}) or {@code Object}'s, each in the list that
 * names its owner in the message. Found by reflection, so a method added to the runtime cannot be
 * forgotten here.
 */
class ReservedNamesTest {

    private static Set<String> publicMethodNames(Class<?> type) {
        return Arrays.stream(type.getMethods()).map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Object's public and protected methods ({@code clone}, {@code finalize}): a class can override both. */
    private static Set<String> overridableObjectMethodNames() {
        return Arrays.stream(Object.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyMethodOfModelIsReserved() {
        Set<String> names = publicMethodNames(Model.class);
        assertWithMessage("Model's methods").that(names).containsAtLeast("predict", "trainBatch", "newPredictor");
        assertWithMessage("Model's methods missing from ReservedNames.MODEL").that(ReservedNames.MODEL).containsAtLeastElementsIn(names);
    }

    @Test
    void everyMethodOfDoubleModelIsReserved() {
        Set<String> names = publicMethodNames(DoubleModel.class);
        assertWithMessage("DoubleModel's methods").that(names).contains("loss");
        assertWithMessage("DoubleModel's methods missing from ReservedNames.MODEL").that(ReservedNames.MODEL).containsAtLeastElementsIn(names);
    }

    @Test
    void everyMethodOfObjectIsReservedAsObjects() {
        Set<String> names = overridableObjectMethodNames();
        assertWithMessage("Object's methods").that(names).containsAtLeast("hashCode", "clone", "finalize");
        assertWithMessage("Object's methods missing from ReservedNames.OBJECT").that(ReservedNames.OBJECT).containsAtLeastElementsIn(names);
    }

    @Test
    void reservesNothingElse() {
        // A name that is not the runtime type's the list says it is would be a stale entry, or a wrong message.
        Set<String> models = new TreeSet<>(publicMethodNames(Model.class));
        models.addAll(publicMethodNames(DoubleModel.class));
        assertWithMessage("ReservedNames.MODEL that neither Model nor DoubleModel has").that(models)
                .containsAtLeastElementsIn(ReservedNames.MODEL);
        assertWithMessage("ReservedNames.OBJECT that Object does not have").that(overridableObjectMethodNames())
                .containsAtLeastElementsIn(ReservedNames.OBJECT);
    }
}
