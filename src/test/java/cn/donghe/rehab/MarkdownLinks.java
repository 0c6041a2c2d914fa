package cn.donghe.rehab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads markdown files with a CommonMark parser (so a link inside code is not a link) and finds the
 * relative links and images whose target does not exist in the repository, and the {@code #anchor}s
 * that match no heading of the markdown file they point into (GitHub's heading slugs).
 */
final class MarkdownLinks {
  /** One link or image: where it is written and what it points at. */
  record Ref(Path file, int line, String target, boolean image) {}

  private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");
  private static final Pattern HTML_REF = Pattern.compile("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_ANCHOR = Pattern.compile("\\b(?:id|name)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  private final Path root;
  private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

  /** @param root the repository root: targets must lie inside it, and "/x" means root/x as on GitHub */
  MarkdownLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Every broken link of these files, as "file:line: target: why" relative to the root. */
  List<String> broken(List<Path> files) {
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      for (Ref r : refs(f)) {
        String why = check(r);
        if (why != null) problems.add(root.relativize(r.file().toAbsolutePath().normalize()) + ":" + r.line() + ": " + r.target() + ": " + why);
      }
    }
    return problems;
  }

  /** The links and images of one markdown file, in order. */
  static List<Ref> refs(Path file) {
    List<Ref> refs = new ArrayList<>();
    parse(file).accept(new AbstractVisitor() {
      @Override public void visit(Link link) {
        refs.add(new Ref(file, line(link), link.getDestination(), false));
        visitChildren(link);
      }

      @Override public void visit(Image image) {
        refs.add(new Ref(file, line(image), image.getDestination(), true));
      }

      @Override public void visit(HtmlInline html) {
        htmlRefs(html.getLiteral(), line(html));
      }

      @Override public void visit(HtmlBlock html) {
        htmlRefs(html.getLiteral(), line(html));
      }

      private void htmlRefs(String html, int line) {
        Matcher m = HTML_REF.matcher(html);
        while (m.find()) refs.add(new Ref(file, line, m.group(1), html.regionMatches(true, m.start(), "src", 0, 3)));
      }
    });
    return refs;
  }

  /** The prose paragraphs of one markdown file (whitespace collapsed), for finding copied text. */
  static List<String> paragraphs(Path file) {
    List<String> paragraphs = new ArrayList<>();
    parse(file).accept(new AbstractVisitor() {
      @Override public void visit(Paragraph p) {
        paragraphs.add(plainText(p).replaceAll("\\s+", " ").trim());
      }
    });
    return paragraphs;
  }

  /** The anchors GitHub gives the headings of a markdown file (plus explicit id/name attributes). */
  static Set<String> anchors(Path file) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    parse(file).accept(new AbstractVisitor() {
      @Override public void visit(Heading h) {
        String slug = slug(plainText(h));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }

      @Override public void visit(HtmlInline html) {
        explicit(html.getLiteral());
      }

      @Override public void visit(HtmlBlock html) {
        explicit(html.getLiteral());
      }

      private void explicit(String html) {
        Matcher m = HTML_ANCHOR.matcher(html);
        while (m.find()) anchors.add(m.group(1));
      }
    });
    return anchors;
  }

  /**
   * GitHub's heading anchor (github-slugger): lower case; letters, digits, marks, "-" and "_" kept
   * (Chinese characters are letters); each space becomes "-"; everything else is dropped.
   */
  static String slug(String heading) {
    StringBuilder sb = new StringBuilder();
    heading.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
      int type = Character.getType(c);
      if (c == ' ') sb.append('-');
      else if (c == '-' || c == '_' || Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) sb.appendCodePoint(c);
    });
    return sb.toString();
  }

  /** Null when the link is fine (or not ours to check: another site), else why it is broken. */
  private String check(Ref r) {
    String target = r.target();
    if (target == null || target.isBlank()) return "empty link";
    if (SCHEME.matcher(target).find()) return null;
    int hash = target.indexOf('#');
    String pathPart = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? "" : decode(target.substring(hash + 1));
    int query = pathPart.indexOf('?');
    if (query >= 0) pathPart = pathPart.substring(0, query);
    Path file = r.file().toAbsolutePath().normalize();
    Path dest;
    if (pathPart.isEmpty()) dest = file;
    else {
      String p = decode(pathPart);
      dest = (p.startsWith("/") ? root.resolve(p.substring(1)) : file.getParent().resolve(p)).normalize();
    }
    if (!dest.startsWith(root)) return "points outside the repository";
    if (!Files.exists(dest)) return (r.image() ? "no such image" : "no such file") + " (" + root.relativize(dest) + ")";
    if (anchor.isEmpty() || !dest.getFileName().toString().endsWith(".md")) return null;
    if (!anchorsByFile.computeIfAbsent(dest, MarkdownLinks::anchors).contains(anchor)) {
      return "no heading with anchor #" + anchor + " in " + root.relativize(dest);
    }
    return null;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Node parse(Path file) {
    try {
      return PARSER.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int line(Node n) {
    for (Node x = n; x != null; x = x.getParent()) {
      List<SourceSpan> spans = x.getSourceSpans();
      if (spans != null && !spans.isEmpty()) return spans.get(0).getLineIndex() + 1;
    }
    return 0;
  }

  /** The text a reader sees: literal text and code, without markup or HTML. */
  private static String plainText(Node node) {
    StringBuilder sb = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override public void visit(Text t) {
        sb.append(t.getLiteral());
      }

      @Override public void visit(Code c) {
        sb.append(c.getLiteral());
      }

      @Override public void visit(org.commonmark.node.SoftLineBreak b) {
        sb.append(' ');
      }
    });
    return sb.toString();
  }
}
