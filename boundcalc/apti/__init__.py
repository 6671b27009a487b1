"""APTI (Section 3 of Hu et al.): certified degree/rank calculator and a low-rank attention."""
from boundcalc.apti.degree import aa22_degree_form, certified_degree, chebyshev_rel_bound
from boundcalc.apti.errors_prop import float_error_bound, output_error_bound, required_relative_error
from boundcalc.apti.lowrank import LowRankResult, exact_attention, lowrank_attention, lowrank_attention_detailed
from boundcalc.apti.plan import AptiPlan, apti_plan, score_radius
from boundcalc.apti.rank import as23_rank_bound, monomial_rank

__all__ = ["aa22_degree_form", "certified_degree", "chebyshev_rel_bound", "float_error_bound",
           "output_error_bound", "required_relative_error", "LowRankResult", "exact_attention",
           "lowrank_attention", "lowrank_attention_detailed", "AptiPlan", "apti_plan", "score_radius",
           "as23_rank_bound", "monomial_rank"]
