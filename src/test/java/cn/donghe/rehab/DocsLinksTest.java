package cn.donghe.rehab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.demo.DemoData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md and docs/ link to each other by relative links; a moved or renamed file or heading
 * must fail the build, not a newcomer's click. Runs in {@code scripts/test.sh} like every test.
 */
class DocsLinksTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void readmeAndDocs_haveNoBrokenLinksOrImages() throws IOException {
    List<String> broken = new MarkdownLinks(ROOT).broken(markdownFiles());
    assertTrue(broken.isEmpty(), "broken links:\n  " + String.join("\n  ", broken));
  }

  @Test
  void readme_isTheFrontDoor_shortAndStartingWithTheTwoCommands() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(lines.size() <= 250, "README.md has " + lines.size() + " lines; feature documentation belongs in docs/");
    int fence = lines.indexOf("```bash");
    assertTrue(fence > 0 && fence < 5, "README.md starts with a ```bash block of the set-up commands");
    assertTrue(lines.get(fence + 1).startsWith("scripts/run.sh ") && lines.get(fence + 2).startsWith("scripts/test.sh ")
        && lines.get(fence + 3).equals("```"), "the first block holds exactly scripts/run.sh and scripts/test.sh");
  }

  @Test
  void readme_listsTheDemoLogins_withTheirPassword() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.contains("`" + DemoData.DEMO_PASSWORD + "`"), "README.md names the demo password");
    for (DemoData.Login l : DemoData.LOGINS) {
      assertTrue(readme.contains("| `" + l.username() + "` | " + l.role() + " |"), "README.md lists the demo login " + l.username());
    }
  }

  @Test
  void everyDocument_isOnTheReadmesMap() throws IOException {
    Path readme = ROOT.resolve("README.md");
    List<Path> linked = MarkdownLinks.refs(readme).stream()
        .map(r -> readme.getParent().resolve(r.target().replaceFirst("#.*", "")).normalize()).toList();
    List<String> missing = markdownFiles().stream().filter(f -> !f.equals(readme) && !linked.contains(f))
        .map(f -> ROOT.relativize(f).toString()).toList();
    assertTrue(missing.isEmpty(), "not linked from README.md's map of the docs: " + missing);
  }

  @Test
  void noParagraph_isWrittenTwice() throws IOException {
    Map<String, Path> firstSeen = new HashMap<>();
    List<String> copies = new ArrayList<>();
    for (Path f : markdownFiles()) {
      for (String p : MarkdownLinks.paragraphs(f)) {
        if (p.length() < 160) continue;
        Path before = firstSeen.putIfAbsent(p, f);
        if (before != null) copies.add(ROOT.relativize(f) + " repeats " + ROOT.relativize(before) + ": " + p.substring(0, 60) + "...");
      }
    }
    assertTrue(copies.isEmpty(), "documentation is written once; link to it instead:\n  " + String.join("\n  ", copies));
  }

  /**
   * Code and scripts name their documentation in comments and messages ("see docs/security.md"); a
   * moved file must not leave them pointing nowhere. Not db/: a Liquibase changeset's checksum covers
   * its comments, so an applied changeset keeps its text (030-sessions.sql still says docs/readme/).
   */
  @Test
  void docsNamedInCodeAndScripts_exist() throws IOException {
    Pattern named = Pattern.compile("\\bdocs/[A-Za-z0-9_./-]+\\.(?:md|png)\\b");
    List<String> missing = new ArrayList<>();
    for (String dir : List.of("src", "scripts", ".ci")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
        // this class's own made-up files are not pointers
        for (Path f : files.filter(Files::isRegularFile).filter(DocsLinksTest::isText)
            .filter(f -> !f.endsWith("DocsLinksTest.java")).toList()) {
          Matcher m = named.matcher(Files.readString(f, StandardCharsets.UTF_8));
          while (m.find()) {
            if (!Files.exists(ROOT.resolve(m.group()))) missing.add(ROOT.relativize(f) + ": " + m.group());
          }
        }
      }
    }
    assertTrue(missing.isEmpty(), "documents named in code or scripts that do not exist:\n  " + String.join("\n  ", missing));
  }

  private static boolean isText(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith(".java") || n.endsWith(".sh") || n.endsWith(".sql") || n.endsWith(".lua") || n.endsWith(".ftlh")
        || n.endsWith(".properties") || n.endsWith(".yml") || n.endsWith(".xml") || n.equals("run");
  }

  // The checker itself, on made-up files.

  @Test
  void missingFile_missingImage_andUnknownAnchor_areReported(@TempDir Path dir) throws IOException {
    write(dir, "docs/a.md", "## 康复服务 Rehab sessions\n\ntext\n");
    write(dir, "docs/img/x.png", "png");
    Path readme = write(dir, "README.md", """
        [ok](docs/a.md) [ok anchor](docs/a.md#康复服务-rehab-sessions) ![ok](docs/img/x.png)
        [gone](docs/b.md)
        ![gone](docs/img/y.png)
        [bad anchor](docs/a.md#sessions)
        """);

    List<String> broken = new MarkdownLinks(dir).broken(List.of(readme));

    assertEquals(List.of(
        "README.md:2: docs/b.md: no such file (docs/b.md)",
        "README.md:3: docs/img/y.png: no such image (docs/img/y.png)",
        "README.md:4: docs/a.md#sessions: no heading with anchor #sessions in docs/a.md"), broken);
  }

  @Test
  void relativeLinks_resolveFromTheLinkingFile_andMayNotLeaveTheRepository(@TempDir Path dir) throws IOException {
    write(dir, "scripts/run.sh", "#!/bin/sh\n");
    Path doc = write(dir, "docs/a.md", """
        [up](../scripts/run.sh) [root-relative](/scripts/run.sh) [same file](#top) [dir](../scripts/)

        # Top
        [outside](../../elsewhere.md)
        """);

    assertEquals(List.of("docs/a.md:4: ../../elsewhere.md: points outside the repository"),
        new MarkdownLinks(dir).broken(List.of(doc)));
  }

  @Test
  void linksInCode_otherSites_andReferenceLinks_areHandledLikeGitHub(@TempDir Path dir) throws IOException {
    Path doc = write(dir, "a.md", """
        `[not a link](nowhere.md)` and https://example.org and [site](https://example.org/x.md)

        ```
        [not a link](nowhere.md)
        ```

        [by reference][ref] <img src="missing.png" alt="">

        [ref]: gone.md
        """);

    assertEquals(List.of("a.md:7: gone.md: no such file (gone.md)", "a.md:7: missing.png: no such image (missing.png)"),
        new MarkdownLinks(dir).broken(List.of(doc)));
  }

  @Test
  void anchors_followGitHubSlugs_includingRepeatsAndCode(@TempDir Path dir) throws IOException {
    Path doc = write(dir, "a.md", """
        ## API self-description (OpenAPI 3) / 接口描述
        ### Person registry rules (`POST /persons`, `PATCH /persons/{id}`)
        ### Examples
        ### Examples
        """);

    assertEquals(List.of("api-self-description-openapi-3--接口描述", "person-registry-rules-post-persons-patch-personsid",
        "examples", "examples-1"), List.copyOf(MarkdownLinks.anchors(doc)));
  }

  /** README.md and every markdown file under docs/. */
  static List<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    return Files.writeString(f, text, StandardCharsets.UTF_8);
  }
}
