--
-- PostgreSQL database dump
--

-- A fixture of qetracker's own, in the shape of data.senat.fr's
-- questions.sql (the 58 columns of tam_questions in the order of recent
-- dumps); every row is invented, some echo tests/data/senat/questions.csv.

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

COPY sortquestion (sorquecod, sorquelib, sorquenumtri) FROM stdin;
1	En cours	1
2	Réponse publiée	2
09	Réponse reçue	9
3	Retirée	3
4	Caduque	4
\.


COPY etatquestion (etaquecod, etaquelib, etaquenumtri) FROM stdin;
1	Publiée	1
\.


COPY naturequestion (natquecod, natquelib, natquenumtri) FROM stdin;
QE	Question écrite	1
QOSD	Question orale sans débat	2
\.


COPY legquestion (legislature, republique, leglib, legdatdeb, legdatfin) FROM stdin;
16	5	16ème législature	2022-06-22 00:00:00	2024-06-09 00:00:00
17	5	17ème législature	2024-07-18 00:00:00	\N
\.


COPY the (thecle, thelib, theali, thenouidt) FROM stdin;
3	Transports	\N	\N
4	Culture	\N	\N
5	Santé	\N	\N
6	Agriculture et pêche	\N	\N
7	Mer	\N	\N
8	Pêche	\N	\N
\.


COPY tam_ministeres (minid, minidremp, datedebut, datefin, ordreprotocolaire, libelle, libellelong, titreministre, intitulejo, nomministre) FROM stdin;
1	\N	\N	\N	\N	Transports	Ministère des transports	\N	\N	\N
\.


COPY tam_questions (id, sorquecod, matricule, natquecod, legislature, etaquecod, uuid, numero, reference, titre, version, datecloture, delaijours, nom, prenom, nomtechnique, codequalite, cirnum, circonscription, groupe, rubrique, datejodepot, mindepotid, mindepotlib, datejotran, mintranid, mintranlib, minreplib1, minrepid1, delaijoursrep1, datejorep1, datesynctam, natqueord, repub, uuidtransori, dattransori, uuidtrans, dattrans, uuidquerappelee, refquerappelee, daterappel, txtque, themes, renvoi1, renvoi2, renvoi3, datesignal, pagejodepot, pageerr, dateerr, ratgrp, thecrible, txterrque, tranisreattr, compub, dateseance, rang, caduque_redeposee) FROM stdin;
1001	2	\N	QE	17	\N	\N	00419	SEQ241000419	Avenir de l'œuvre des ports	\N	\N	\N	Dupré	Anaïs	\N	Mme	\N	Finistère	SER	\N	2024-10-03 00:00:00	\N	Mer	\N	\N	\N	Mer	\N	\N	2024-11-28 00:00:00	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	Mme Anaïs Dupré attire l'attention de M. le ministre de la mer sur l'avenir des ports.	#7#8#	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N
1002	1	\N	QE	17	\N	\N	06436	SEQ251006436	Coût des transports; zones rurales	\N	\N	\N	Martin	Luc	\N	M.	\N	Cantal	LR	\N	2025-10-30 00:00:00	\N	Transports	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	Première ligne\navec une tabulation\tici, un antislash \\ et un retour\r\nfin.	#3#	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N
1003	9	\N	QE	17	\N	\N	05028	SEQ250605028	Examen du permis	\N	\N	\N	Daubet	Raphaël	\N	M.	\N	Lot	RDSE	\N	2025-06-12 00:00:00	\N	Intérieur	2025-07-03 00:00:00	\N	Transports	Transports	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	M. Raphaël Daubet interroge M. le ministre sur l'examen du permis de conduire.	#3#	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N
1004	1	\N	QOSD	17	\N	\N	0766S	SEQ25100766S	Une question orale	\N	\N	\N	Durand	Paul	\N	M.	\N	\N	UC	\N	2025-10-02 00:00:00	\N	Santé	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	#5#	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N
1005	3	\N	QE	17	\N	\N	00931	SEQ220700931	Retirée par son auteur	\N	\N	\N	Petit	Jean	\N	M.	\N	\N	UC	\N	2024-09-12 00:00:00	\N	Culture	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	#4#	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N
1006	4	\N	QE	17	\N	\N	00932	SEQ220700932	Devenue caduque	\N	\N	\N	Petit	Jean	\N	M.	\N	\N	UC	\N	2024-09-12 00:00:00	\N	Culture	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	#4#	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N
1007	1	\N	QE	17	\N	\N	07001	SEQ251107001	Rappel : coût des transports	\N	\N	\N	Martin	Luc	\N	M.	\N	\N	LR	\N	2025-11-06 00:00:00	\N	Transports	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	SEQ251006436	2025-11-06 00:00:00	Rappel de la question n° 06436.	#3#99#	\N	\N	\N	\N	\N	5512	2025-11-13 00:00:00	\N	\N	\N	\N	\N	\N	\N	\N
1008	1	\N	QE	16	\N	\N	00500	SEQ230500500	Une question ancienne restée sans réponse	\N	\N	\N	Leroy	Marie	\N	Mme	\N	\N	CRCE	\N	2023-05-11 00:00:00	\N	Agriculture et souveraineté alimentaire	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	Mme Marie Leroy appelle l'attention du ministre.	#6#	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N
\.


COPY tam_reponses (idque, datejorep, txtrep, delaijoursrep, minrepid, minreplib, pagejorep, urlrep, errpage, errdate, idrepunique, txterrrep) FROM stdin;
1001	2024-11-28 00:00:00	Réponse du ministère de la mer.	\N	\N	Mer	\N	\N	\N	\N	\N	\N
1003	2025-09-25 00:00:00	Réponse commune (republiée).	\N	\N	Transports	\N	\N	\N	\N	R1	\N
1003	2025-09-18 00:00:00	Réponse commune.	\N	\N	Transports	\N	\N	\N	\N	R1	\N
\.


--
-- PostgreSQL database dump complete
--
