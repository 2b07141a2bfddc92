# R's survey package on the benchmark's core work with standard errors (svyby), for comparison.
suppressMessages(library(survey))
d <- read.csv(commandArgs(TRUE)[1])
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
options(survey.lonely.psu = "adjust")
invisible(svyby(~monthly_wage, ~industry + skill_level, design, svymean))
invisible(svyby(~monthly_wage, ~district, design, svymean))
invisible(svyby(~monthly_wage, ~industry, design, svyquantile, quantiles = 0.5, ci = TRUE))
