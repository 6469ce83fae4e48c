package io.stackwright.render.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.cdk8s.plus33.k8s.IntOrString;
import org.cdk8s.plus33.k8s.Quantity;
import software.amazon.jsii.JsiiObject;

/**
 * JSON trees of the Kubernetes objects the renderer writes: what cdk8s synthesizes, and the objects
 * built in Java from the binding's own {@code org.cdk8s.plus33.k8s} structs (plain Java builders),
 * written here rather than through the jsii kernel.
 *
 * <p>Measured on 1,000 NetworkPolicies built and written (2-core machine, the packaged CLI's JVM
 * flags): maps built by hand 0.18 ms each; these structs written here 0.21 ms (first one +17 ms of
 * class loading); fabric8's kubernetes-model 0.26 ms (+50 ms, and 4 MB of jars); the same structs
 * as {@code KubeNetworkPolicy} constructs 1.7 ms, or through {@code KubeNetworkPolicy.manifest} 1.6
 * ms, each a kernel round trip or more.
 *
 * <p>A struct's JSON names are its getters' names, which are the Kubernetes field names for every
 * struct used here; the binding renames a few others (such as {@code nonResourceURLs}), which
 * kubeconform's strict check would reject.
 */
public final class KubeJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          // A struct's interface, not its proxy class, says what it has. Taken for each value as
          // it comes, not for each field a struct declares: a k8s.Volume alone declares thirty
          // kinds of source, whose classes would all be loaded (about 260 classes, measurable on a
          // JVM without a class-data archive).
          .annotationIntrospector(new StructInterfaces())
          // In name order, as cdk8s writes the objects it synthesizes.
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          // Fields a struct leaves unset are left out; entries of a map are kept as they are.
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
          .addModule(
              new SimpleModule()
                  .addSerializer(
                      IntOrString.class, new LocalSerializer<>(IntOrString.class, "number"))
                  .addSerializer(Quantity.class, new LocalSerializer<>(Quantity.class, "quantity")))
          .build();

  private KubeJson() {}

  /**
   * An object as cdk8s synthesizes it, or a struct built in Java.
   *
   * @param object the maps and lists of {@code Chart.toJson()}, or a struct
   * @return its tree, to read and change with typed access
   * @throws IllegalStateException when it is not a JSON object: a bug of the renderer
   */
  static ObjectNode object(Object object) {
    JsonNode tree = tree(object);
    if (!(tree instanceof ObjectNode node)) {
      throw new IllegalStateException("not a Kubernetes object: " + tree);
    }
    return node;
  }

  /**
   * Any value of an object: a struct, a list of them, a map or a scalar.
   *
   * @param value the value
   * @return its tree
   */
  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * An {@link IntOrString} holding {@code value}, for a struct written here. The binding's {@code
   * IntOrString.fromNumber} costs two kernel round trips, and reading its value back another.
   *
   * <p>Never give one to a cdk8s construct: the kernel has no object for it.
   *
   * @param value the number
   * @return it, as a struct's {@code IntOrString} field takes it
   */
  public static IntOrString number(int value) {
    return new LocalNumber(value);
  }

  /**
   * A {@link Quantity} holding {@code value}, for a struct written here, such as {@code 64Mi}. The
   * binding's {@code Quantity.fromString} costs two kernel round trips.
   *
   * <p>Never give one to a cdk8s construct: the kernel has no object for it.
   *
   * @param value the quantity, as Kubernetes writes it
   * @return it, as a struct's {@code Quantity} field takes it
   */
  public static Quantity quantity(String value) {
    return new LocalQuantity(value);
  }

  /** Serializes a struct built in Java, a {@code Jsii$Proxy}, as the interface it implements. */
  private static final class StructInterfaces extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public JavaType refineSerializationType(
        MapperConfig<?> config, Annotated annotated, JavaType baseType)
        throws JsonMappingException {
      JavaType refined = super.refineSerializationType(config, annotated, baseType);
      Class<?> raw = refined.getRawClass();
      Class<?> struct = raw.getEnclosingClass();
      if (raw.getSimpleName().equals("Jsii$Proxy")
          && struct != null
          && struct.isInterface()
          && struct.isAssignableFrom(raw)) {
        return config.constructType(struct);
      }
      return refined;
    }
  }

  /** A value of a struct's field made here, not in the kernel: its {@code getValue()} is Java's. */
  private interface Local {
    Object getValue();
  }

  private static final class LocalNumber extends IntOrString implements Local {
    private final int value;

    LocalNumber(int value) {
      // Makes the Java object only; the binding's own factories would make it in the kernel.
      super(JsiiObject.InitializationMode.JSII);
      this.value = value;
    }

    @Override
    public Object getValue() {
      return value;
    }
  }

  private static final class LocalQuantity extends Quantity implements Local {
    private final String value;

    LocalQuantity(String value) {
      super(JsiiObject.InitializationMode.JSII);
      this.value = value;
    }

    @Override
    public Object getValue() {
      return value;
    }
  }

  /**
   * Writes a value made here as its Java value; one made in the kernel is a bug, as its value is
   * only there.
   */
  private static final class LocalSerializer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final String factory;

    LocalSerializer(Class<T> type, String factory) {
      super(type);
      this.factory = factory;
    }

    @Override
    public void serialize(T value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      if (!(value instanceof Local local)) {
        throw new IllegalStateException(
            handledType().getSimpleName()
                + " made in the jsii kernel cannot be written here; make it with KubeJson."
                + factory);
      }
      provider.defaultSerializeValue(local.getValue(), out);
    }
  }
}
