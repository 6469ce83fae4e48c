package io.stackwright.env;

import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns text into a SnakeYAML node graph without constructing any Java objects, so that every value
 * keeps its position and no YAML tag can instantiate a class.
 */
final class YamlReader {

  private YamlReader() {}

  /**
   * Composes the single document of {@code text}.
   *
   * @return the document (possibly empty), or {@code null} after recording a syntax or limit
   *     problem
   */
  static YamlDocument read(String text, ProblemCollector problems) {
    LoaderOptions options = options();
    TrackingParser parser =
        new TrackingParser(new ParserImpl(new StreamReader(new StringReader(text)), options));
    Composer composer = new Composer(parser, new Resolver(), options);
    try {
      if (!composer.checkNode()) {
        return new YamlDocument(null, AliasMarks.of(null, parser.aliasMarks()));
      }
      Node root = composer.getNode();
      if (composer.checkNode()) {
        problems.add(
            parser.peekEvent().getStartMark(),
            "",
            "the file holds more than one YAML document",
            "an environment file is a single document; remove the '---' line or split the file");
      }
      return new YamlDocument(root, AliasMarks.of(root, parser.aliasMarks()));
    } catch (MarkedYAMLException e) {
      YamlErrors.reportSyntax(e, problems);
    } catch (ReaderException e) {
      YamlErrors.reportCharacter(e, text, problems);
    } catch (YAMLException e) {
      YamlErrors.reportLimit(e, parser.lastMark(), problems);
    }
    return null;
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(Limits.MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(Limits.MAX_NESTING_DEPTH);
    options.setCodePointLimit(Limits.MAX_CODE_POINTS);
    options.setProcessComments(false);
    options.setMergeOnCompose(false);
    // Composing a node never builds an object, whatever its tag; the binder refuses every tag that
    // changes a value's meaning, global ones included, at its key.
    options.setTagInspector(tag -> true);
    return options;
  }
}
