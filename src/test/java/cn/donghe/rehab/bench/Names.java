package cn.donghe.rehab.bench;

import java.util.SplittableRandom;

/** Synthetic Chinese personal names (common surnames, given names of one or two characters). */
final class Names {
  private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
  private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁龙林欣悦晨阳博文轩雨涵梓萱子墨一诺思远";

  private Names() {}

  static String person(SplittableRandom rnd) {
    StringBuilder b = new StringBuilder(3);
    b.append(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())));
    b.append(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
    if (rnd.nextInt(3) > 0) b.append(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
    return b.toString();
  }
}
