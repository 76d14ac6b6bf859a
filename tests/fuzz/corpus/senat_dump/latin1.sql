SET client_encoding = 'LATIN1';
COPY sortquestion (sorquecod, sorquelib) FROM stdin;
1	En cours
\.
COPY questions.tam_questions (id, sorquecod, natquecod, numero, reference, datejodepot, txtque) FROM stdin;
1	1	QE	00001	SEQ250100001	2025-01-02 00:00:00	\351t\xe9\né
2	1	QOSD	0001S	SEQ25010001S	2025-01-02	\N
\.
