package io.stackwright.render.k8s;

import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What belongs to the stack as a whole as it is built: the namespace's labels, and the objects of
 * the namespace's file and of other stack-wide files, which the cross-cutting defaults ({@link
 * KubernetesEnricher}) add to.
 */
public final class StackParts {
  private final StackModel stack;
  private final Map<String, String> namespaceLabels = new TreeMap<>();
  private final Map<String, PlainObjects> files = new LinkedHashMap<>();

  StackParts(StackModel stack) {
    this.stack = stack;
    // The Namespace is cluster-wide; the objects in its file belong to the namespace.
    files.put(KubernetesRenderer.NAMESPACE_FILE, objects());
  }

  /**
   * Labels the namespace.
   *
   * @param labels the labels, by key
   * @return this
   */
  public StackParts namespaceLabels(Map<String, String> labels) {
    namespaceLabels.putAll(labels);
    return this;
  }

  /**
   * The objects of a stack-wide file, such as {@value KubernetesRenderer#NAMESPACE_FILE}: each in
   * the stack's namespace, with the stack's labels. A file named here for the first time is written
   * after those named before it.
   *
   * @param file the file's name, which sets when {@code kubectl apply -f} applies it
   * @return its objects
   */
  public PlainObjects file(String file) {
    return files.computeIfAbsent(file, name -> objects());
  }

  private PlainObjects objects() {
    return new PlainObjects(stack.namespace(), Labels.stackWide(stack));
  }

  /** The namespace's labels, besides the stack's. */
  Map<String, String> namespaceLabels() {
    return namespaceLabels;
  }

  /** The stack-wide files' objects, the namespace's first. */
  Map<String, PlainObjects> files() {
    return files;
  }
}
