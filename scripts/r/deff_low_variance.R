# Reference for DesignEffectTests: the design effect of a mean wage whose values vary
# little about a large level, from R's survey package.
#
# The 200 workers of DesignEffectTests.inputs(level:): district (the stratum, as the
# pipeline takes it when `stratum` is empty) = 黄浦 徐汇 长宁 静安 by i %% 4, psu =
# P((i %/% 4) %% 5) within the stratum, weight = 10 + i %% 7, monthly_wage = level +
# ((i * 37) %% 7) / 100, for i = 0 … 199.
# Run: Rscript scripts/r/deff_low_variance.R   (needs r-base-core and r-cran-survey)
suppressPackageStartupMessages(library(survey))
i <- 0:199
for (level in c(1, 12345)) {
  d <- data.frame(stratum = c("黄浦", "徐汇", "长宁", "静安")[i %% 4 + 1],
                  psu = paste0("P", (i %/% 4) %% 5),
                  weight = 10 + i %% 7,
                  wage = level + ((i * 37) %% 7) / 100)
  design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
  m <- svymean(~wage, design, deff = TRUE)
  cat(sprintf("level %g: mean %.17g se %.17g deff %.17g\n", level, coef(m), SE(m), deff(m)))
}
